package backoffice

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/models"
)

func init() {
	flashes["desactive"] = "Utilisateur désactivé : il ne peut plus se connecter ni utiliser ses jetons."
	flashes["reactive"] = "Utilisateur réactivé."
}

// setUserDisabled disables or enables a user ("disabled" = 1 or 0). A
// disabled user keeps its history but can neither log in nor use a session
// or an API token: accounts refuses them all. An administrator cannot
// disable themself, so that there is always someone to undo it.
func (p *Pages) setUserDisabled(c *gin.Context) {
	var u models.User
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil || p.DB.WithContext(c.Request.Context()).Take(&u, id).Error != nil {
		p.fail(c, http.StatusNotFound, "Utilisateur introuvable.")
		return
	}
	var disabled bool
	switch c.PostForm("disabled") {
	case "1":
		disabled = true
	case "0":
	default:
		p.usersPage(c, http.StatusBadRequest, "Désactivation : valeur "+strconv.Quote(c.PostForm("disabled"))+" inattendue (1 pour désactiver, 0 pour réactiver).")
		return
	}
	if disabled && u.ID == currentUser(c).ID {
		p.usersPage(c, http.StatusBadRequest, "Vous ne pouvez pas désactiver votre propre compte.")
		return
	}
	before := u
	if err := p.DB.WithContext(c.Request.Context()).Model(&models.User{}).Where("id = ?", u.ID).Update("disabled", disabled).Error; err != nil {
		p.internalError(c, "désactivation", err)
		return
	}
	u.Disabled = disabled
	action, flash := "user.enable", "reactive"
	if disabled {
		action, flash = "user.disable", "desactive"
	}
	p.audit(c, action, "user", u.ID, before, u)
	c.Redirect(http.StatusSeeOther, "/admin/utilisateurs?fait="+flash)
}
