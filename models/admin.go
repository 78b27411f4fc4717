package models

import "time"

// Role is what a user may do; see api/auth for the matrix.
type Role string

const (
	RoleAdmin         Role = "admin"
	RoleCreditManager Role = "credit_manager"
	RoleLegal         Role = "legal"
	RolePartner       Role = "partner"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleCreditManager || r == RoleLegal || r == RolePartner
}

// User is a person or an integration account. Partner users belong to a Partner.
type User struct {
	ID           uint      `gorm:"primaryKey" json:"id"`
	CreatedAt    time.Time `json:"created_at"`
	Email        string    `gorm:"size:200;not null;uniqueIndex" json:"email"`
	Name         string    `gorm:"size:200" json:"name"`
	Role         Role      `gorm:"size:32;not null" json:"role"`
	PartnerID    *uint     `gorm:"index" json:"partner_id,omitempty"`
	PasswordHash string    `gorm:"size:200" json:"-"`
	Disabled     bool      `json:"disabled"`
}

// APIToken authenticates integrations. Only the SHA-256 of the token is
// stored: a leaked database does not leak usable tokens. A token is scoped to
// the role and partner organisation its user had when it was issued: it stops
// working when the user's role or partner changes, rather than carrying its
// rights to whatever the user becomes.
type APIToken struct {
	ID         uint       `gorm:"primaryKey" json:"id"`
	CreatedAt  time.Time  `json:"created_at"`
	UserID     uint       `gorm:"not null;index" json:"user_id"`
	Role       Role       `gorm:"size:32;not null;default:''" json:"role"`
	PartnerID  *uint      `json:"partner_id"`
	Hash       string     `gorm:"size:64;not null;uniqueIndex" json:"-"`
	Prefix     string     `gorm:"size:16;not null" json:"prefix"` // first characters, to recognise a token in lists
	Label      string     `gorm:"size:200" json:"label,omitempty"`
	LastUsedAt *time.Time `json:"last_used_at"` // null: never used
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// Matches reports whether the token still fits its user: the same role
// and the same partner organisation as when it was issued.
func (t APIToken) Matches(u User) bool {
	samePartner := (t.PartnerID == nil) == (u.PartnerID == nil) &&
		(t.PartnerID == nil || *t.PartnerID == *u.PartnerID)
	return t.UserID == u.ID && t.Role == u.Role && samePartner
}

// Session is a back-office login; like tokens, only the hash is stored.
type Session struct {
	ID        uint `gorm:"primaryKey"`
	CreatedAt time.Time
	UserID    uint      `gorm:"not null;index"`
	Hash      string    `gorm:"size:64;not null;uniqueIndex"`
	ExpiresAt time.Time `gorm:"not null"`
}

// AuditLog is append-only: who did what, when, from where, before and after.
type AuditLog struct {
	ID         uint      `gorm:"primaryKey" json:"id"`
	At         time.Time `gorm:"not null;index" json:"at"`
	UserID     *uint     `json:"user_id,omitempty"`
	Actor      string    `gorm:"size:200;not null" json:"actor"`
	Action     string    `gorm:"size:100;not null" json:"action"`
	Entity     string    `gorm:"size:64" json:"entity"`
	EntityID   string    `gorm:"size:64" json:"entity_id"`
	RemoteAddr string    `gorm:"size:64" json:"remote_addr"`
	Before     string    `gorm:"type:text" json:"before,omitempty"`
	After      string    `gorm:"type:text" json:"after,omitempty"`
}

// Template is one version of an editable text (letter body, email subject…).
// Editing makes a new version; documents record the version they came from.
type Template struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time `json:"created_at"`
	Key       string    `gorm:"size:120;not null;uniqueIndex:ux_template_version" json:"key"` // step.channel.part
	Language  string    `gorm:"size:5;not null;uniqueIndex:ux_template_version" json:"language"`
	Version   int       `gorm:"not null;uniqueIndex:ux_template_version" json:"version"`
	Body      string    `gorm:"type:text;not null" json:"body"`
	CreatedBy string    `gorm:"size:200" json:"created_by"`
}

// Scenario is one version of a recovery scenario: its steps as JSON. A case
// runs the version it started with.
type Scenario struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time `json:"created_at"`
	Name      string    `gorm:"size:120;not null;uniqueIndex:ux_scenario_version" json:"name"`
	Version   int       `gorm:"not null;uniqueIndex:ux_scenario_version" json:"version"`
	Steps     string    `gorm:"type:text;not null" json:"steps"`
	Active    bool      `json:"active"`
}
