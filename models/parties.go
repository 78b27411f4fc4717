// Package models holds Recouvra's persistent records (GORM) and the versioned
// migrations that create them on PostgreSQL and SQLite alike.
package models

import "time"

// Address is a postal address, embedded with a column prefix where it is used.
type Address struct {
	Line1      string `gorm:"size:200" json:"line1"`
	Line2      string `gorm:"size:200" json:"line2,omitempty"`
	PostalCode string `gorm:"size:16;index" json:"postal_code"`
	City       string `gorm:"size:120" json:"city"`
	InseeCode  string `gorm:"size:5" json:"insee_code,omitempty"` // commune code: decides the competent court
	Country    string `gorm:"size:2" json:"country"`              // ISO 3166-1 alpha-2, FR by default
}

// Creditor is the company whose invoices Recouvra recovers; its legal mentions
// appear on every letter and on the court request.
type Creditor struct {
	ID                  uint      `gorm:"primaryKey" json:"id"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`
	LegalForm           string    `gorm:"size:40" json:"legal_form"`
	Name                string    `gorm:"size:200;not null" json:"name"`
	SIREN               string    `gorm:"size:9;index" json:"siren"`
	RCSCity             string    `gorm:"size:120" json:"rcs_city"`
	ShareCapitalCents   int64     `json:"share_capital_cents"`
	Currency            string    `gorm:"size:3;not null;default:EUR" json:"currency"`
	Address             Address   `gorm:"embedded;embeddedPrefix:office_" json:"registered_office"`
	IBAN                string    `gorm:"size:34" json:"iban"`
	BIC                 string    `gorm:"size:11" json:"bic"`
	Representative      string    `gorm:"size:200" json:"representative"`       // legal representative, e.g. the président of an SAS
	RepresentativeTitle string    `gorm:"size:100" json:"representative_title"` // "Président", "Gérant"
	Email               string    `gorm:"size:200" json:"email"`
	Phone               string    `gorm:"size:40" json:"phone"`
	Mobile              string    `gorm:"size:40" json:"mobile"` // required for electronic court filing
	PaymentTermsDays    int       `gorm:"not null;default:30" json:"payment_terms_days"`
	Employees           int       `json:"employees"` // over 250 the contribution pour la justice économique may apply
}

// DebtorKind decides which law applies and which court hears the case.
type DebtorKind string

const (
	// Trader: commerçant, commercial company or artisan; commercial court, L441-10 penalties.
	Trader DebtorKind = "trader"
	// Civil: liberal profession, association, civil company; tribunal judiciaire, L441-10 penalties.
	Civil DebtorKind = "civil"
	// Consumer: a natural person outside any trade; tribunal judiciaire, legal interest only.
	Consumer DebtorKind = "consumer"
)

// Valid reports whether k is one of the three kinds.
func (k DebtorKind) Valid() bool { return k == Trader || k == Civil || k == Consumer }

// Debtor is a customer of a creditor who owes it money.
type Debtor struct {
	ID               uint       `gorm:"primaryKey" json:"id"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
	CreditorID       uint       `gorm:"not null;uniqueIndex:ux_debtor_ref" json:"creditor_id"`
	Reference        string     `gorm:"size:64;not null;uniqueIndex:ux_debtor_ref" json:"reference"` // account number in the creditor's books
	Name             string     `gorm:"size:200;not null;index" json:"name"`
	NaturalPerson    bool       `json:"natural_person"`
	LegalForm        string     `gorm:"size:40" json:"legal_form,omitempty"`
	SIREN            string     `gorm:"size:9;index" json:"siren,omitempty"`
	SIRET            string     `gorm:"size:14" json:"siret,omitempty"`
	Kind             DebtorKind `gorm:"size:16;not null" json:"kind"`
	Address          Address    `gorm:"embedded;embeddedPrefix:addr_" json:"address"`
	RCSCity          string     `gorm:"size:120" json:"rcs_city,omitempty"`
	Email            string     `gorm:"size:200" json:"email,omitempty"`
	Phone            string     `gorm:"size:40" json:"phone,omitempty"`
	PaymentContact   string     `gorm:"size:200" json:"payment_contact,omitempty"` // the person in charge of payments
	CreditLimitCents int64      `json:"credit_limit_cents"`
	Currency         string     `gorm:"size:3;not null;default:EUR" json:"currency"`
	AccountManagerID *uint      `json:"account_manager_id,omitempty"`
	Blocked          bool       `json:"blocked"`
	Notes            string     `gorm:"type:text" json:"notes,omitempty"`
}

// Partner is a factoring company to which cases may be delegated.
type Partner struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time `json:"created_at"`
	Name      string    `gorm:"size:200;not null;uniqueIndex" json:"name"`
	SIREN     string    `gorm:"size:9" json:"siren,omitempty"`
	Email     string    `gorm:"size:200" json:"email,omitempty"`
}
