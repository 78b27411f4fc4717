// Package accounts manages users, their passwords, API tokens and back-office
// sessions. Secrets are stored only as hashes: bcrypt for passwords, SHA-256
// for random tokens (which are long enough not to need a slow hash).
package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
)

// ErrUnauthenticated means a token, session or password did not match.
var ErrUnauthenticated = errors.New("unauthenticated")

// Store is the accounts of one database.
type Store struct {
	DB *gorm.DB
}

// CreateUser adds a user with a role; partner users need their partner.
func (s Store) CreateUser(ctx context.Context, email, name string, role models.Role, partnerID *uint) (models.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if _, err := mail.ParseAddress(email); err != nil {
		return models.User{}, fmt.Errorf("email %q is not an address", email)
	}
	if !role.Valid() {
		return models.User{}, fmt.Errorf("role %q is not one of admin, credit_manager, legal, partner", role)
	}
	if err := s.CheckPartner(ctx, role, partnerID); err != nil {
		return models.User{}, err
	}
	u := models.User{Email: email, Name: name, Role: role, PartnerID: partnerID}
	if err := s.DB.WithContext(ctx).Create(&u).Error; err != nil {
		return u, fmt.Errorf("create user %s: %w", email, err)
	}
	return u, nil
}

// CheckPartner refuses a partner organisation on a user who is not a
// partner, a partner user without one, and an organisation that does not
// exist (the case list and the dashboard scope a partner by it).
func (s Store) CheckPartner(ctx context.Context, role models.Role, partnerID *uint) error {
	if (role == models.RolePartner) != (partnerID != nil) {
		return fmt.Errorf("a user has a partner organisation if and only if its role is partner (role %s)", role)
	}
	if partnerID == nil {
		return nil
	}
	var n int64
	if err := s.DB.WithContext(ctx).Model(&models.Partner{}).Where("id = ?", *partnerID).Count(&n).Error; err != nil {
		return fmt.Errorf("read partner %d: %w", *partnerID, err)
	}
	if n == 0 {
		return fmt.Errorf("no partner organisation %d", *partnerID)
	}
	return nil
}

// UserByEmail finds a user.
func (s Store) UserByEmail(ctx context.Context, email string) (models.User, error) {
	var u models.User
	err := s.DB.WithContext(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return u, fmt.Errorf("no user with email %q", email)
	}
	return u, err
}

// SetPassword stores the bcrypt hash of a new password.
func (s Store) SetPassword(ctx context.Context, userID uint, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	return s.DB.WithContext(ctx).Model(&models.User{}).Where("id = ?", userID).Update("password_hash", string(hash)).Error
}

// CheckPassword returns the user if email and password match an enabled user.
func (s Store) CheckPassword(ctx context.Context, email, password string) (models.User, error) {
	u, err := s.UserByEmail(ctx, email)
	if err != nil || u.Disabled || u.PasswordHash == "" {
		// Compare anyway so that timing does not tell which emails exist.
		_ = bcrypt.CompareHashAndPassword([]byte("$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z2MqZDbKMRqsbtRlN5Bu5F2a"), []byte(password))
		return models.User{}, ErrUnauthenticated
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return models.User{}, ErrUnauthenticated
	}
	return u, nil
}

// NewToken creates an API token for a user and returns it in clear, once.
// The token is scoped to the user's role and partner organisation of now.
func (s Store) NewToken(ctx context.Context, userID uint, label string) (string, models.APIToken, error) {
	var u models.User
	if err := s.DB.WithContext(ctx).Take(&u, userID).Error; err != nil {
		return "", models.APIToken{}, fmt.Errorf("token for user %d: %w", userID, err)
	}
	secret, err := randomSecret("rcv_")
	if err != nil {
		return "", models.APIToken{}, err
	}
	t := models.APIToken{UserID: userID, Role: u.Role, PartnerID: u.PartnerID, Hash: hashToken(secret), Prefix: secret[:10], Label: label}
	if err := s.DB.WithContext(ctx).Create(&t).Error; err != nil {
		return "", t, fmt.Errorf("store token: %w", err)
	}
	return secret, t, nil
}

// RevokeToken revokes a user's token by its ID.
func (s Store) RevokeToken(ctx context.Context, userID, tokenID uint) error {
	now := time.Now().UTC()
	res := s.DB.WithContext(ctx).Model(&models.APIToken{}).
		Where("id = ? AND user_id = ? AND revoked_at IS NULL", tokenID, userID).Update("revoked_at", now)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("user %d has no active token %d", userID, tokenID)
	}
	return nil
}

// Authenticate returns the user of a bearer token and records its use. A
// token whose user no longer has the role or partner it was issued for is
// refused: a partner's integration moved to another partner, or a user
// demoted, must not keep the old token's reach nor gain the new role's.
func (s Store) Authenticate(ctx context.Context, token string) (models.User, error) {
	var t models.APIToken
	err := s.DB.WithContext(ctx).Where("hash = ? AND revoked_at IS NULL", hashToken(token)).Take(&t).Error
	if err != nil {
		return models.User{}, ErrUnauthenticated
	}
	var u models.User
	if err := s.DB.WithContext(ctx).Take(&u, t.UserID).Error; err != nil || u.Disabled || !t.Matches(u) {
		return models.User{}, ErrUnauthenticated
	}
	now := time.Now().UTC()
	s.DB.WithContext(ctx).Model(&models.APIToken{}).Where("id = ?", t.ID).Update("last_used_at", now)
	return u, nil
}

// NewSession opens a back-office session and returns its cookie value.
func (s Store) NewSession(ctx context.Context, userID uint, ttl time.Duration) (string, error) {
	secret, err := randomSecret("")
	if err != nil {
		return "", err
	}
	row := models.Session{UserID: userID, Hash: hashToken(secret), ExpiresAt: time.Now().UTC().Add(ttl)}
	if err := s.DB.WithContext(ctx).Create(&row).Error; err != nil {
		return "", fmt.Errorf("store session: %w", err)
	}
	return secret, nil
}

// SessionUser returns the user of a live session.
func (s Store) SessionUser(ctx context.Context, secret string) (models.User, error) {
	var row models.Session
	err := s.DB.WithContext(ctx).Where("hash = ? AND expires_at > ?", hashToken(secret), time.Now().UTC()).Take(&row).Error
	if err != nil {
		return models.User{}, ErrUnauthenticated
	}
	var u models.User
	if err := s.DB.WithContext(ctx).Take(&u, row.UserID).Error; err != nil || u.Disabled {
		return models.User{}, ErrUnauthenticated
	}
	return u, nil
}

// EndSession logs a session out.
func (s Store) EndSession(ctx context.Context, secret string) error {
	return s.DB.WithContext(ctx).Where("hash = ?", hashToken(secret)).Delete(&models.Session{}).Error
}

func randomSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

func hashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CheckPassword says what is wrong with a password SetPassword would
// refuse: shorter than 8 characters, or longer than the 72 bytes bcrypt
// reads (the rest would be ignored silently).
func CheckPassword(password string) error {
	switch n := utf8.RuneCountInString(password); {
	case n < 8:
		return fmt.Errorf("password must have at least 8 characters, has %d", n)
	case len(password) > 72:
		return fmt.Errorf("password must fit in 72 bytes, has %d", len(password))
	}
	return nil
}
