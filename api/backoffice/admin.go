package backoffice

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/accounts"
	"github.com/recouvra/recouvra/models"
)

// users lists the users with their roles, and the form to add one.
func (p *Pages) users(c *gin.Context) {
	p.usersPage(c, http.StatusOK, "")
}

func (p *Pages) usersPage(c *gin.Context, status int, formError string) {
	var users []models.User
	var partners []models.Partner
	db := p.DB.WithContext(c.Request.Context())
	if err := errors.Join(db.Order("email").Find(&users).Error, db.Order("name").Find(&partners).Error); err != nil {
		p.internalError(c, "utilisateurs", err)
		return
	}
	p.render(c, status, "users.html", "Utilisateurs", gin.H{"Users": users, "Partners": partners, "FormError": formError})
}

// partnerParam reads the optional partner of a user form.
func partnerParam(c *gin.Context) (*uint, error) {
	v := c.PostForm("partner_id")
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("partenaire : %q n'est pas un identifiant", v)
	}
	id := uint(n)
	return &id, nil
}

// createUser adds a user with a role and an initial password.
func (p *Pages) createUser(c *gin.Context) {
	role := models.Role(c.PostForm("role"))
	partnerID, err := partnerParam(c)
	if err != nil {
		p.usersPage(c, http.StatusBadRequest, err.Error())
		return
	}
	password := c.PostForm("password")
	if len(password) < 12 {
		p.usersPage(c, http.StatusBadRequest, fmt.Sprintf("Mot de passe : au moins 12 caractères (%d saisis).", len(password)))
		return
	}
	if err := accounts.CheckPassword(password); err != nil {
		p.usersPage(c, http.StatusBadRequest, "Mot de passe refusé : "+err.Error())
		return
	}
	u, err := p.Accounts.CreateUser(c.Request.Context(), c.PostForm("email"), strings.TrimSpace(c.PostForm("name")), role, partnerID)
	if err != nil {
		p.usersPage(c, http.StatusBadRequest, "Création impossible : "+err.Error())
		return
	}
	if err := p.Accounts.SetPassword(c.Request.Context(), u.ID, password); err != nil {
		p.usersPage(c, http.StatusBadRequest, "Mot de passe refusé : "+err.Error())
		return
	}
	p.audit(c, "user.create", "user", u.ID, nil, u)
	c.Redirect(http.StatusSeeOther, "/admin/utilisateurs?fait=utilisateur")
}

// setRole changes a user's role (and partner organisation).
func (p *Pages) setRole(c *gin.Context) {
	var u models.User
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil || p.DB.WithContext(c.Request.Context()).Take(&u, id).Error != nil {
		p.fail(c, http.StatusNotFound, "Utilisateur introuvable.")
		return
	}
	role := models.Role(c.PostForm("role"))
	partnerID, err := partnerParam(c)
	switch {
	case err != nil:
		p.usersPage(c, http.StatusBadRequest, err.Error())
		return
	case !role.Valid():
		p.usersPage(c, http.StatusBadRequest, fmt.Sprintf("Rôle %q inconnu.", role))
		return
	case p.Accounts.CheckPartner(c.Request.Context(), role, partnerID) != nil:
		p.usersPage(c, http.StatusBadRequest, "Un utilisateur a un partenaire (une organisation existante) si et seulement si son rôle est « partenaire ».")
		return
	case u.ID == currentUser(c).ID && role != models.RoleAdmin:
		p.usersPage(c, http.StatusBadRequest, "Vous ne pouvez pas retirer votre propre rôle d'administrateur.")
		return
	}
	before := u
	err = p.DB.WithContext(c.Request.Context()).Model(&models.User{}).Where("id = ?", u.ID).
		Updates(map[string]any{"role": role, "partner_id": partnerID}).Error
	if err != nil {
		p.internalError(c, "rôle", err)
		return
	}
	u.Role, u.PartnerID = role, partnerID
	p.audit(c, "user.set_role", "user", u.ID, before, u)
	c.Redirect(http.StatusSeeOther, "/admin/utilisateurs?fait=utilisateur")
}

// partners lists the factoring partners and the form to add one.
func (p *Pages) partners(c *gin.Context) { p.partnersPage(c, http.StatusOK, "") }

func (p *Pages) partnersPage(c *gin.Context, status int, formError string) {
	var rows []struct {
		models.Partner
		Cases int64
	}
	err := p.DB.WithContext(c.Request.Context()).Table("partners").
		Select("partners.*, (SELECT COUNT(*) FROM cases WHERE cases.partner_id = partners.id AND cases.status = 'open') AS cases").
		Order("name").Scan(&rows).Error
	if err != nil {
		p.internalError(c, "partenaires", err)
		return
	}
	p.render(c, status, "partners.html", "Partenaires", gin.H{"Partners": rows, "FormError": formError})
}

// createPartner adds a factoring partner.
func (p *Pages) createPartner(c *gin.Context) {
	pt := models.Partner{
		Name: strings.TrimSpace(c.PostForm("name")), SIREN: strings.TrimSpace(c.PostForm("siren")),
		Email: strings.TrimSpace(c.PostForm("email")),
	}
	if pt.Name == "" {
		p.partnersPage(c, http.StatusBadRequest, "Nom : obligatoire.")
		return
	}
	if pt.SIREN != "" && (len(pt.SIREN) != 9 || strings.Trim(pt.SIREN, "0123456789") != "") {
		p.partnersPage(c, http.StatusBadRequest, fmt.Sprintf("SIREN : %q doit compter 9 chiffres.", pt.SIREN))
		return
	}
	if err := p.DB.WithContext(c.Request.Context()).Create(&pt).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) || strings.Contains(strings.ToLower(err.Error()), "unique") {
			p.partnersPage(c, http.StatusBadRequest, fmt.Sprintf("Un partenaire nommé %q existe déjà.", pt.Name))
			return
		}
		p.internalError(c, "partenaire", err)
		return
	}
	p.audit(c, "partner.create", "partner", pt.ID, nil, pt)
	c.Redirect(http.StatusSeeOther, "/admin/partenaires?fait=partenaire")
}
