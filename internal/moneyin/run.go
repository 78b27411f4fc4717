package moneyin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// importTx is what one import's transaction works with.
type importTx struct {
	tx       *gorm.DB
	creditor models.Creditor
	sum      *Summary
	intake   intake.Service // a copy writing in tx, with a deferred starter
	starter  *deferredStarter
	signals  []paymentSignal
	by       string
	body     *hashingReader // the file, hashed as it is read
	// debtorInputs shares equal debtor inputs between rows (see sharedDebtor).
	debtorInputs map[intake.DebtorInput]*intake.DebtorInput
	// debtorIDs are the debtors debtorFor found or created, by its key.
	debtorIDs map[string]uint
	// rowPaths names the XML element of a row given to intake (row numbers
	// are line numbers for line-based files).
	rowPaths map[int]string
}

// run imports one file in one transaction: fill writes what the file holds,
// then suspended payments are lettered against open items, and the file is
// recorded. Cases and signals go out after the commit.
func (s *Service) run(ctx context.Context, kind string, f File, fill func(*importTx) error) (Summary, error) {
	if s.Intake == nil || s.Intake.WorkflowID == nil {
		return Summary{}, errors.New("moneyin: the service needs the intake service, with its WorkflowID function")
	}
	sum := Summary{Kind: kind, File: f.Name}
	st := &importTx{sum: &sum, starter: &deferredStarter{}, by: f.By, body: newHashingReader(f)}
	if st.by == "" {
		st.by = "system"
	}
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st.tx = tx
		err := intake.CustomPlans(tx)
		if err != nil {
			return err
		}
		if err = s.loadCreditor(tx, &st.creditor); err != nil {
			return err
		}
		if s.Intake != nil {
			st.intake = *s.Intake
		}
		st.intake.DB, st.intake.Starter, st.intake.Log = tx, st.starter, s.logger()
		if st.intake.Today == nil {
			st.intake.Today = s.today
		}
		if err := fill(st); err != nil {
			return err
		}
		// The file is known by its digest, complete once fill has read it.
		if sum.SHA256, err = st.body.finish(); err != nil {
			return fmt.Errorf("read %s: %w", f.Name, err)
		}
		var prior models.ImportedFile
		err = tx.Where("creditor_id = ? AND kind = ? AND sha256 = ?", st.creditor.ID, kind, sum.SHA256).Limit(1).Find(&prior).Error
		if err != nil {
			return fmt.Errorf("look up imported files: %w", err)
		}
		sum.AlreadyImported, sum.FileID = prior.ID != 0, prior.ID
		if err := s.reconcile(st); err != nil {
			return err
		}
		if err := s.suspense(tx, st.creditor.ID, &sum); err != nil {
			return err
		}
		sum.total()
		if prior.ID != 0 {
			return nil
		}
		js, _ := json.Marshal(sum)
		rec := models.ImportedFile{CreditorID: st.creditor.ID, Kind: kind, SHA256: sum.SHA256,
			FileName: clip(f.Name, 300), Size: st.body.size, ImportedBy: st.by, Summary: string(js)}
		if err := tx.Create(&rec).Error; err != nil {
			return fmt.Errorf("record imported file: %w", err)
		}
		sum.FileID = rec.ID
		return tx.Create(&models.AuditLog{At: time.Now().UTC(), Actor: st.by, Action: "import." + kind,
			Entity: "imported_file", EntityID: strconv.FormatUint(uint64(rec.ID), 10), After: string(js)}).Error
	})
	if err != nil {
		// A rejected file is still named by the digest of all its bytes.
		sum.SHA256, _ = st.body.finish()
		var rej *RejectedError
		if errors.As(err, &rej) {
			rej.File = f.Name
			return Summary{Kind: kind, File: f.Name, SHA256: sum.SHA256, Rejected: rej.Rejected}, rej
		}
		var verr *intake.ValidationError
		if errors.As(err, &verr) {
			rej := &RejectedError{File: f.Name, Rejected: fromIntake(verr, st.rowPaths)}
			return Summary{Kind: kind, File: f.Name, SHA256: sum.SHA256, Rejected: rej.Rejected}, rej
		}
		// Two uploads of one file at once: the other one committed first and
		// this one ran into its rows. Say so rather than show a database error.
		if sum.SHA256 != "" && st.creditor.ID != 0 {
			var n int64
			s.DB.WithContext(ctx).Model(&models.ImportedFile{}).
				Where("creditor_id = ? AND kind = ? AND sha256 = ?", st.creditor.ID, kind, sum.SHA256).Count(&n)
			if n > 0 {
				return Summary{}, fmt.Errorf("%w: %s was imported at the same moment by another request; nothing more to do", ErrConflict, f.Name)
			}
		}
		return Summary{}, err
	}
	s.afterCommit(ctx, st.starter.calls, st.signals)
	return sum, nil
}

func (s *Service) loadCreditor(tx *gorm.DB, c *models.Creditor) error {
	q := tx.Order("id")
	if s.CreditorID != 0 {
		q = q.Where("id = ?", s.CreditorID)
	}
	err := q.Take(c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return &RejectedError{Rejected: []Rejection{{Field: "creditor", Message: "no creditor in the database; create the creditor first"}}}
	}
	return err
}

// fromIntake turns intake's field errors into rejections: rows are file
// lines, or indexes into paths for XML documents.
func fromIntake(verr *intake.ValidationError, paths map[int]string) []Rejection {
	out := make([]Rejection, 0, len(verr.Errors))
	for _, fe := range verr.Errors {
		r := Rejection{Line: fe.Row, Field: fe.Field, Message: fe.Message}
		if p, ok := paths[fe.Row]; ok {
			r.Line, r.Path = 0, p
		}
		out = append(out, r)
	}
	return out
}

// suspense totals the creditor's payments not fully allocated.
func (s *Service) suspense(tx *gorm.DB, creditorID uint, sum *Summary) error {
	var row struct {
		N     int64
		Cents int64
	}
	err := tx.Model(&models.Payment{}).Select("COUNT(*) AS n, COALESCE(SUM(unallocated_cents), 0) AS cents").
		Where("creditor_id = ? AND unallocated_cents > 0", creditorID).Scan(&row).Error
	sum.SuspenseCount, sum.SuspenseCents = int(row.N), row.Cents
	return err
}
