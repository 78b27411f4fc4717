package models

import "time"

// ImportedFile records each accounting or bank file imported, by the SHA-256
// of its content, with the summary of what the import did. Importing the same
// file again is recognised and reported; the natural keys of what the file
// holds (invoice numbers, PaymentKey) keep the second import from changing
// anything even when the bytes differ slightly.
type ImportedFile struct {
	ID         uint      `gorm:"primaryKey" json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	CreditorID uint      `gorm:"not null;uniqueIndex:ux_imported_file" json:"creditor_id"`
	Kind       string    `gorm:"size:16;not null;uniqueIndex:ux_imported_file" json:"kind"` // fec, facturx, ubl, csv, bank
	SHA256     string    `gorm:"size:64;not null;uniqueIndex:ux_imported_file" json:"sha256"`
	FileName   string    `gorm:"size:300" json:"file_name"`
	Size       int64     `json:"size"`
	ImportedBy string    `gorm:"size:200" json:"imported_by"`
	Summary    string    `gorm:"type:text" json:"summary"` // JSON of the first import's summary
}

// PaymentKey is the natural key of a payment read from a file: for a bank
// line the account, bank reference, date, amount and rank among identical
// lines; for a FEC line the account, piece, date, amount and rank. A payment
// is created once per key, so overlapping statements never count money twice.
type PaymentKey struct {
	ID         uint   `gorm:"primaryKey" json:"id"`
	CreditorID uint   `gorm:"not null;uniqueIndex:ux_payment_key" json:"creditor_id"`
	Key        string `gorm:"size:300;not null;uniqueIndex:ux_payment_key" json:"key"`
	PaymentID  uint   `gorm:"not null;index" json:"payment_id"`
}

// CSVMapping is how the columns of one source's invoice CSV (an ERP export,
// a spreadsheet) map to Recouvra's CSV columns, saved once per source so that
// the next export of the same shape imports without being edited.
type CSVMapping struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Source    string    `gorm:"size:100;not null;uniqueIndex" json:"source"`
	Columns   string    `gorm:"type:text;not null" json:"columns"` // JSON object: Recouvra column → header in the file
}

// TableName keeps GORM from naming the table "cs_vmappings".
func (CSVMapping) TableName() string { return "csv_mappings" }
