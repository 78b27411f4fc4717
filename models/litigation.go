package models

import (
	"time"

	"github.com/recouvra/recouvra/internal/civil"
)

// InterestRate is one published rate of a half-year: the ECB main
// refinancing rate ("mro") or the legal interest rate ("legal"). Rates are
// data an administrator extends every six months; the claim computation
// falls back to the rates shipped with the code for half-years absent here.
type InterestRate struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Series    string    `gorm:"size:16;not null;uniqueIndex:ux_interest_rate" json:"series"`
	Year      int       `gorm:"not null;uniqueIndex:ux_interest_rate" json:"year"`
	Half      int       `gorm:"not null;uniqueIndex:ux_interest_rate" json:"half"`
	RateBP    int64     `gorm:"not null" json:"rate_bp"` // hundredths of a percent: 215 is 2.15 %
	Source    string    `gorm:"size:300;not null" json:"source"`
}

// CommuneCourt maps a commune (INSEE code) to its tribunal judiciaire, as
// imported from the Ministry of Justice's "compétences territoriales" file.
type CommuneCourt struct {
	InseeCode  string    `gorm:"size:5;primaryKey" json:"insee_code"`
	TJ         string    `gorm:"size:200;not null" json:"tj"` // designation as given in the file
	ImportedAt time.Time `gorm:"not null" json:"imported_at"`
}

// CaseCost is an accessory cost legal staff claim on a case (a bailiff's act,
// a registered letter), with its legal basis. Costs a consumer may not be
// charged (CPCE L111-8) are kept but refused by the claim computation.
type CaseCost struct {
	ID                 uint       `gorm:"primaryKey" json:"id"`
	CreatedAt          time.Time  `json:"created_at"`
	CaseID             uint       `gorm:"not null;index" json:"case_id"`
	Label              string     `gorm:"size:200;not null" json:"label"`
	Basis              string     `gorm:"size:300;not null" json:"basis"`
	Cents              int64      `gorm:"not null" json:"cents"`
	Date               civil.Date `gorm:"not null" json:"date"`
	AllowedForConsumer bool       `gorm:"not null;default:false" json:"allowed_for_consumer"`
	CreatedBy          string     `gorm:"size:200" json:"created_by"`
}

// LitigationStatus is where a case stands before the court.
type LitigationStatus string

const (
	LitigationPreparing   LitigationStatus = "preparing"  // court chosen or to choose, dossier built
	LitigationFiled       LitigationStatus = "filed"      // requête lodged with the greffe
	LitigationOrdered     LitigationStatus = "ordered"    // ordonnance rendered (accepted or partial)
	LitigationRejected    LitigationStatus = "rejected"   // ordonnance de rejet: not appealable
	LitigationSignified   LitigationStatus = "signified"  // served by a commissaire de justice
	LitigationOpposition  LitigationStatus = "opposition" // debtor opposed within the month
	LitigationEnforceable LitigationStatus = "enforceable"
	LitigationLapsed      LitigationStatus = "lapsed" // not served within six months (CPC 1411)
	LitigationPaid        LitigationStatus = "paid"
)

// LitigationFile is the court side of a case: which court, what was filed,
// what the judge ordered and how the order was served. One per case.
type LitigationFile struct {
	ID        uint             `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
	CaseID    uint             `gorm:"not null;uniqueIndex" json:"case_id"`
	Status    LitigationStatus `gorm:"size:16;not null;index" json:"status"`

	CourtCode  string `gorm:"size:32" json:"court_code,omitempty"`
	CourtKind  string `gorm:"size:48" json:"court_kind,omitempty"`
	CourtName  string `gorm:"size:200" json:"court_name,omitempty"`
	Cerfa      string `gorm:"size:16" json:"cerfa,omitempty"`
	CourtSetBy string `gorm:"size:200" json:"court_set_by,omitempty"` // "system" or the user who chose

	FiledDate      civil.Date `json:"filed_date"`
	FiledChannel   string     `gorm:"size:32" json:"filed_channel,omitempty"` // paper, infogreffe, tribunal_digital
	FiledReference string     `gorm:"size:100" json:"filed_reference,omitempty"`

	OrdonnanceOutcome     string     `gorm:"size:16" json:"ordonnance_outcome,omitempty"` // accepted, partial, rejected
	OrdonnanceAmountCents int64      `json:"ordonnance_amount_cents"`
	OrdonnanceDate        civil.Date `json:"ordonnance_date"`

	SignificationDate civil.Date `json:"signification_date"`
	Commissaire       string     `gorm:"size:200" json:"commissaire,omitempty"` // commissaire de justice who served
	OppositionDate    civil.Date `json:"opposition_date"`
	EnforceableDate   civil.Date `json:"enforceable_date"`

	// Dossier documents: the requête with its bordereau and pieces (PDF) and
	// the same pieces as a ZIP.
	DossierPDFID *uint `gorm:"column:dossier_pdf_id" json:"dossier_pdf_id,omitempty"`
	DossierZIPID *uint `gorm:"column:dossier_zip_id" json:"dossier_zip_id,omitempty"`
}
