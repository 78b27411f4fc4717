package litigation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/dossier"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// Activities are registered on the worker with their database and the
// greffe fee of commercial courts (dossier.DefaultGreffeFeeCents if 0).
type Activities struct {
	DB             *gorm.DB
	GreffeFeeCents int64
}

// PrepareInput asks for a case's claim, court and dossier as of a day.
type PrepareInput struct {
	CaseID uint       `json:"case_id"`
	On     civil.Date `json:"on"`
	At     time.Time  `json:"at"` // the workflow's time, for the timeline; now if zero
}

// Prepared is what the workflow needs to know of the preparation.
type Prepared struct {
	TotalCents   int64    `json:"total_cents"`
	Currency     string   `json:"currency"`
	NeedsChoice  bool     `json:"needs_choice"` // legal staff must choose the court first
	CourtKind    string   `json:"court_kind,omitempty"`
	CourtName    string   `json:"court_name,omitempty"`
	Cerfa        string   `json:"cerfa,omitempty"`
	DossierPDFID uint     `json:"dossier_pdf_id,omitempty"`
	DossierZIPID uint     `json:"dossier_zip_id,omitempty"`
	FeeCents     int64    `json:"fee_cents"`
	Warnings     []string `json:"warnings,omitempty"`
}

// Prepare computes the case's claim, decides its court and, once the court
// is known, builds the dossier and stores it on the case. It opens the
// litigation file and writes the outcome on the timeline. Running it again
// (after legal staff chose the court) builds the dossier then.
func (a *Activities) Prepare(ctx context.Context, in PrepareInput) (Prepared, error) {
	d, err := LoadCase(ctx, a.DB, in.CaseID)
	if err != nil {
		return Prepared{}, err
	}
	cl, err := d.Claim(ctx, a.DB, in.On)
	if err != nil {
		return Prepared{}, fmt.Errorf("claim of case %d on %s: %w", in.CaseID, in.On, err)
	}
	court, err := DecideCourt(ctx, a.DB, d, in.On)
	if err != nil {
		return Prepared{}, err
	}
	p := Prepared{TotalCents: cl.TotalCents, Currency: cl.Currency, NeedsChoice: court.NeedsChoice,
		CourtKind: court.Kind, CourtName: court.Name, Cerfa: court.Cerfa, Warnings: cl.Warnings}
	if _, err := ensureFile(ctx, a.DB, in.CaseID); err != nil {
		return p, err
	}
	if court.NeedsChoice {
		err := a.record(ctx, casebook.Event{CaseID: in.CaseID, Key: "litigation/court_to_choose", At: in.At, Kind: "court_to_choose",
			Summary: "Juridiction à choisir par le service juridique : " + court.Reason})
		return p, err
	}
	req, err := DossierRequest(ctx, a.DB, d, court, cl, in.On)
	if err != nil {
		return p, err
	}
	opt := dossier.Options{GreffeFeeCents: a.GreffeFeeCents, CreditorEmployees: d.Creditor.Employees}
	key, err := requestKey(req, opt)
	if err != nil {
		return p, err
	}
	// A PDF embeds its creation time, so the same dossier built twice
	// differs in bytes: the event keyed by the request's content tells a
	// retry that this very dossier is already stored.
	if done, found, err := a.dossierEvent(ctx, in.CaseID, key); err != nil || found {
		if found {
			p.DossierPDFID, p.DossierZIPID, p.FeeCents, p.Warnings = done.pdfID, done.zipID, done.feeCents, done.warnings
		}
		return p, err
	}
	out, err := dossier.Build(req, opt)
	if err != nil {
		return p, fmt.Errorf("dossier of case %d: %w", in.CaseID, err)
	}
	p.Warnings, p.FeeCents = out.Warnings, out.Fees.GreffeFeeCents
	if p.DossierPDFID, p.DossierZIPID, err = storeDossier(ctx, a.DB, d, out); err != nil {
		return p, err
	}
	// The court the data decided is written to the file too; a court chosen
	// by a person keeps its author.
	file, err := ensureFile(ctx, a.DB, in.CaseID)
	if err != nil {
		return p, err
	}
	if file.CourtCode == "" {
		err = a.DB.WithContext(ctx).Model(&file).Updates(map[string]any{"court_code": court.Code, "court_kind": court.Kind,
			"court_name": court.Name, "cerfa": court.Cerfa, "court_set_by": "system"}).Error
		if err != nil {
			return p, fmt.Errorf("record court of case %d: %w", in.CaseID, err)
		}
	}
	pdfID := p.DossierPDFID
	err = a.record(ctx, casebook.Event{CaseID: in.CaseID, Key: key, Kind: "dossier_ready", At: in.At,
		DocumentID: &pdfID, Summary: fmt.Sprintf("Requête en injonction de payer prête pour le %s (Cerfa %s) : %s réclamés",
			lowerFirst(court.Name), court.Cerfa, money.Format(cl.TotalCents, cl.Currency)),
		Data: map[string]any{"total_cents": cl.TotalCents, "fee_cents": out.Fees.GreffeFeeCents, "warnings": out.Warnings,
			"zip_document_id": p.DossierZIPID}})
	return p, err
}

// Step is a court step or a warning to record. Zero fields leave the
// litigation file unchanged; Status "" keeps the status.
type Step struct {
	CaseID  uint      `json:"case_id"`
	Key     string    `json:"key"` // idempotency key of the timeline event, stable across retries
	Kind    string    `json:"kind"`
	Summary string    `json:"summary"`
	Actor   string    `json:"actor,omitempty"`
	At      time.Time `json:"at"`

	Status                models.LitigationStatus `json:"status,omitempty"`
	FiledDate             civil.Date              `json:"filed_date,omitzero"`
	FiledChannel          string                  `json:"filed_channel,omitempty"`
	FiledReference        string                  `json:"filed_reference,omitempty"`
	OrdonnanceOutcome     string                  `json:"ordonnance_outcome,omitempty"`
	OrdonnanceAmountCents int64                   `json:"ordonnance_amount_cents,omitempty"`
	OrdonnanceDate        civil.Date              `json:"ordonnance_date,omitzero"`
	SignificationDate     civil.Date              `json:"signification_date,omitzero"`
	Commissaire           string                  `json:"commissaire,omitempty"`
	OppositionDate        civil.Date              `json:"opposition_date,omitzero"`
	EnforceableDate       civil.Date              `json:"enforceable_date,omitzero"`
	Data                  map[string]any          `json:"data,omitempty"`
}

// updates are the litigation file's columns the step sets.
func (s Step) updates() map[string]any {
	u := map[string]any{}
	set := func(col string, v any, ok bool) {
		if ok {
			u[col] = v
		}
	}
	set("status", s.Status, s.Status != "")
	set("filed_date", s.FiledDate, !s.FiledDate.IsZero())
	set("filed_channel", s.FiledChannel, s.FiledChannel != "")
	set("filed_reference", s.FiledReference, s.FiledReference != "")
	set("ordonnance_outcome", s.OrdonnanceOutcome, s.OrdonnanceOutcome != "")
	set("ordonnance_amount_cents", s.OrdonnanceAmountCents, s.OrdonnanceAmountCents != 0)
	set("ordonnance_date", s.OrdonnanceDate, !s.OrdonnanceDate.IsZero())
	set("signification_date", s.SignificationDate, !s.SignificationDate.IsZero())
	set("commissaire", s.Commissaire, s.Commissaire != "")
	set("opposition_date", s.OppositionDate, !s.OppositionDate.IsZero())
	set("enforceable_date", s.EnforceableDate, !s.EnforceableDate.IsZero())
	return u
}

// RecordStep writes a step to the litigation file and the timeline in one
// transaction; the same key twice writes one event and the same values.
func (a *Activities) RecordStep(ctx context.Context, s Step) error {
	if s.CaseID == 0 || s.Key == "" || s.Kind == "" {
		return errors.New("a litigation step needs a case, a key and a kind")
	}
	return a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if u := s.updates(); len(u) > 0 {
			file, err := ensureFile(ctx, tx, s.CaseID)
			if err != nil {
				return err
			}
			if err := tx.Model(&file).Updates(u).Error; err != nil {
				return fmt.Errorf("update litigation file of case %d: %w", s.CaseID, err)
			}
		}
		return (&casebook.Activities{DB: tx}).RecordEvent(ctx, casebook.Event{
			CaseID: s.CaseID, Key: "litigation/" + s.Key, At: s.At, Actor: s.Actor, Kind: s.Kind, Summary: s.Summary, Data: s.Data,
		})
	})
}

func (a *Activities) record(ctx context.Context, ev casebook.Event) error {
	if ev.At.IsZero() {
		ev.At = time.Now()
	}
	return (&casebook.Activities{DB: a.DB}).RecordEvent(ctx, ev)
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// requestKey identifies a dossier by what it prints: the request with each
// piece reduced to its SHA-256, and the options.
func requestKey(r dossier.Request, opt dossier.Options) (string, error) {
	pieces := make([]dossier.Piece, len(r.Pieces))
	for i, p := range r.Pieces {
		if p.FileName == generatedStatementFile {
			p.Content = nil // printed from the claim's own data, already in the key
		} else {
			sum := sha256.Sum256(p.Content)
			p.Content = sum[:]
		}
		pieces[i] = p
	}
	r.Pieces = pieces
	b, err := json.Marshal(struct {
		R dossier.Request
		O dossier.Options
	}{r, opt})
	if err != nil {
		return "", fmt.Errorf("dossier key: %w", err)
	}
	sum := sha256.Sum256(b)
	return "litigation/dossier/" + hex.EncodeToString(sum[:12]), nil
}

type storedDossier struct {
	pdfID, zipID uint
	feeCents     int64
	warnings     []string
}

// dossierEvent finds the dossier_ready event of a dossier already stored.
func (a *Activities) dossierEvent(ctx context.Context, caseID uint, key string) (storedDossier, bool, error) {
	var ev models.CaseEvent
	res := a.DB.WithContext(ctx).Where(map[string]any{"case_id": caseID, "key": key}).Limit(1).Find(&ev)
	if res.Error != nil || res.RowsAffected == 0 || ev.DocumentID == nil {
		return storedDossier{}, false, res.Error
	}
	var data struct {
		FeeCents int64    `json:"fee_cents"`
		Warnings []string `json:"warnings"`
		ZipID    uint     `json:"zip_document_id"`
	}
	if err := json.Unmarshal([]byte(ev.Data), &data); err != nil {
		return storedDossier{}, false, fmt.Errorf("event %s of case %d: %w", key, caseID, err)
	}
	return storedDossier{pdfID: *ev.DocumentID, zipID: data.ZipID, feeCents: data.FeeCents, warnings: data.Warnings}, true, nil
}
