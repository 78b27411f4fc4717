package litigation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/activities/casebook"
	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/tribunal"
	"github.com/recouvra/recouvra/models"
)

// Errors of ChooseCourt, for the API to map to a status.
var (
	ErrNoChoiceNeeded = errors.New("the competent court is determined: there is nothing to choose")
	ErrNotACandidate  = errors.New("the court is not among the candidates")
)

// tribunalDebtor is what the court decision needs of a debtor.
func tribunalDebtor(d models.Debtor) tribunal.Debtor {
	return tribunal.Debtor{Kind: tribunal.DebtorKind(d.Kind), LegalForm: d.LegalForm, PostalCode: d.Address.PostalCode,
		InseeCode: d.Address.InseeCode, City: d.Address.City, RCSCity: d.RCSCity}
}

// DecideCourt returns the court for a case's requête filed on day on: the
// court legal staff chose, if they did, else the decision from the data,
// which may ask for a choice.
func DecideCourt(ctx context.Context, db *gorm.DB, d CaseData, on civil.Date) (tribunal.Decision, error) {
	return DecideCourtIn(ctx, db, nil, d, on)
}

// DecideCourtIn is DecideCourt with a registry loaded once (LoadRegistry)
// for many cases, as a list of cases needs; nil loads it.
func DecideCourtIn(ctx context.Context, db *gorm.DB, reg *tribunal.Registry, d CaseData, on civil.Date) (tribunal.Decision, error) {
	file, found, err := findFile(ctx, db, d.Case.ID)
	if err != nil {
		return tribunal.Decision{}, err
	}
	if found && file.CourtCode != "" && file.CourtSetBy != "system" {
		return tribunal.Decision{Kind: file.CourtKind, Code: file.CourtCode, Name: file.CourtName, Cerfa: file.Cerfa,
			Reason:     "Juridiction choisie par " + file.CourtSetBy + " parmi celles que les données laissaient possibles.",
			Candidates: []tribunal.Court{}}, nil
	}
	if reg == nil {
		if reg, err = LoadRegistry(ctx, db); err != nil {
			return tribunal.Decision{}, err
		}
	}
	dec := reg.Decide(tribunalDebtor(d.Debtor), on)
	if dec.Candidates == nil {
		dec.Candidates = []tribunal.Court{}
	}
	return dec, nil
}

// ChooseCourt records the court legal staff chose for a case whose court the
// data could not decide. The code must be one of the decision's candidates:
// a person may settle what the data leaves open, not override the law.
func ChooseCourt(ctx context.Context, db *gorm.DB, caseID uint, code, by string, on civil.Date) (tribunal.Decision, error) {
	d, err := LoadCase(ctx, db, caseID)
	if err != nil {
		return tribunal.Decision{}, err
	}
	reg, err := LoadRegistry(ctx, db)
	if err != nil {
		return tribunal.Decision{}, err
	}
	dec := reg.Decide(tribunalDebtor(d.Debtor), on)
	if !dec.NeedsChoice {
		return dec, ErrNoChoiceNeeded
	}
	var chosen *tribunal.Court
	var codes []string
	for i, c := range dec.Candidates {
		codes = append(codes, c.Code)
		if strings.EqualFold(c.Code, strings.TrimSpace(code)) {
			chosen = &dec.Candidates[i]
		}
	}
	if chosen == nil {
		return dec, fmt.Errorf("%w: %q is not one of %s", ErrNotACandidate, code, strings.Join(codes, ", "))
	}
	cerfa := tribunal.CerfaFor(chosen.Kind)
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		file, err := ensureFile(ctx, tx, caseID)
		if err != nil {
			return err
		}
		err = tx.Model(&file).Updates(map[string]any{"court_code": chosen.Code, "court_kind": chosen.Kind,
			"court_name": chosen.Name, "cerfa": cerfa, "court_set_by": by}).Error
		if err != nil {
			return fmt.Errorf("record chosen court of case %d: %w", caseID, err)
		}
		return (&casebook.Activities{DB: tx}).RecordEvent(ctx, casebook.Event{
			CaseID: caseID, Key: fmt.Sprintf("litigation/court_chosen/%s/%d", chosen.Code, time.Now().UnixNano()),
			At: time.Now(), Actor: by, Kind: "court_chosen",
			Summary: "Juridiction choisie pour la requête en injonction de payer : " + chosen.Name,
			Data:    map[string]any{"code": chosen.Code, "kind": chosen.Kind, "cerfa": cerfa},
		})
	})
	if err != nil {
		return dec, err
	}
	return tribunal.Decision{Kind: chosen.Kind, Code: chosen.Code, Name: chosen.Name, Cerfa: cerfa,
		Reason: "Juridiction choisie par " + by + ". " + dec.Reason, Candidates: []tribunal.Court{}}, nil
}

func findFile(ctx context.Context, db *gorm.DB, caseID uint) (models.LitigationFile, bool, error) {
	var f models.LitigationFile
	res := db.WithContext(ctx).Where("case_id = ?", caseID).Limit(1).Find(&f)
	if res.Error != nil {
		return f, false, fmt.Errorf("litigation file of case %d: %w", caseID, res.Error)
	}
	return f, res.RowsAffected > 0, nil
}

// ensureFile returns the case's litigation file, creating it if needed.
func ensureFile(ctx context.Context, db *gorm.DB, caseID uint) (models.LitigationFile, error) {
	f, found, err := findFile(ctx, db, caseID)
	if err != nil || found {
		return f, err
	}
	f = models.LitigationFile{CaseID: caseID, Status: models.LitigationPreparing}
	if err := db.WithContext(ctx).Create(&f).Error; err != nil {
		return f, fmt.Errorf("create litigation file of case %d: %w", caseID, err)
	}
	return f, nil
}

// File returns the litigation file of a case, or gorm.ErrRecordNotFound.
func File(ctx context.Context, db *gorm.DB, caseID uint) (models.LitigationFile, error) {
	f, found, err := findFile(ctx, db, caseID)
	if err == nil && !found {
		err = gorm.ErrRecordNotFound
	}
	return f, err
}
