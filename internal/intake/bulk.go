package intake

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/recouvra/recouvra/models"
)

// bulkChunk bounds the keys of one IN query and the rows of one INSERT, well
// under the bind-parameter limits of SQLite (32 766) and PostgreSQL (65 535).
const bulkChunk = 500

// ImportBulk is Import for large batches, such as the open lines of a FEC:
// the same validation, the same rows written with the same results, in one
// transaction, but with a few queries per 500 invoices instead of several
// per invoice. Debtors and invoices are only rewritten when they changed, so
// importing the same rows again writes nothing.
func (s *Service) ImportBulk(ctx context.Context, rows []Row) (Summary, error) {
	valid, err := validateRows(rows)
	if err != nil {
		return Summary{}, err
	}
	var sum Summary
	var toStart []uint
	err = s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := CustomPlans(tx); err != nil {
			return err
		}
		var err error
		sum, toStart, err = s.upsertBulk(tx, valid)
		return err
	})
	if err != nil {
		return Summary{}, err
	}
	s.startCases(ctx, toStart)
	return sum, nil
}

// CustomPlans makes PostgreSQL plan each statement of the transaction tx
// for its own values. The bulk lookups send the same "key IN (500
// parameters)" text many times; after five runs PostgreSQL may switch to a
// generic plan, which compares every row of the creditor with every key one
// by one (seconds per query at 20 000 invoices) instead of hashing the keys.
// SQLite needs nothing.
func CustomPlans(tx *gorm.DB) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	if err := tx.Exec("SET LOCAL plan_cache_mode = force_custom_plan").Error; err != nil {
		return fmt.Errorf("plan each bulk query for its values: %w", err)
	}
	return nil
}

// upsertBulk writes valid rows as upsert does one at a time.
func (s *Service) upsertBulk(tx *gorm.DB, valid []validInvoice) (Summary, []uint, error) {
	var sum Summary
	creditors := map[uint]models.Creditor{} // by CreditorID given, 0 for none
	creditorOf := make([]uint, len(valid))
	for i, v := range valid {
		var key uint
		if v.In.CreditorID != nil {
			key = *v.In.CreditorID
		}
		c, ok := creditors[key]
		if !ok {
			var err error
			if c, err = s.creditor(tx, v); err != nil {
				return sum, nil, err
			}
			creditors[key] = c
		}
		creditorOf[i] = c.ID
	}
	debtorIDs, err := s.debtorsBulk(tx, creditorOf, valid)
	if err != nil {
		return sum, nil, err
	}
	invoices, results, err := s.invoicesBulk(tx, creditorOf, debtorIDs, valid)
	if err != nil {
		return sum, nil, err
	}
	cases, opened, err := s.casesBulk(tx, invoices)
	if err != nil {
		return sum, nil, err
	}
	var toStart []uint
	sum.Invoices = make([]Outcome, 0, len(valid))
	for i, v := range valid {
		out := Outcome{Row: v.Row, Number: invoices[i].Number, InvoiceID: invoices[i].ID, Result: results[i]}
		switch out.Result {
		case "created":
			sum.Created++
		case "updated":
			sum.Updated++
		default:
			sum.Unchanged++
		}
		if c := cases[i]; c != nil {
			out.CaseID, out.WorkflowID = c.ID, c.WorkflowID
			if opened[i] || !c.WorkflowStarted {
				toStart = append(toStart, c.ID)
			}
		}
		sum.Invoices = append(sum.Invoices, out)
	}
	return sum, toStart, nil
}

type debtorKey struct {
	creditorID uint
	value      string
}

// debtorsBulk finds or creates the debtor of each row as debtor does: by
// reference, else SIREN, else name and postal code; a later row sees the
// debtor an earlier row created or updated. It returns their IDs by row.
func (s *Service) debtorsBulk(tx *gorm.DB, creditorOf []uint, valid []validInvoice) ([]uint, error) {
	ids := make([]uint, len(valid))
	refs := map[uint][]string{}
	sirens := map[uint][]string{}
	for i, v := range valid {
		if v.In.DebtorID != nil {
			continue
		}
		c := creditorOf[i]
		if in := v.In.Debtor; in.Reference == "" && in.SIREN != "" {
			sirens[c] = append(sirens[c], in.SIREN)
		} else {
			refs[c] = append(refs[c], debtorReference(in))
		}
	}
	byRef := map[debtorKey]*models.Debtor{}
	bySIREN := map[debtorKey]*models.Debtor{}
	for c, values := range refs {
		err := loadInChunks(tx, c, "reference", values, func(d *models.Debtor) {
			if byRef[debtorKey{c, d.Reference}] == nil {
				byRef[debtorKey{c, d.Reference}] = d
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for c, values := range sirens {
		err := loadInChunks(tx, c, "siren", values, func(d *models.Debtor) {
			if bySIREN[debtorKey{c, d.SIREN}] == nil {
				bySIREN[debtorKey{c, d.SIREN}] = d
			}
		})
		if err != nil {
			return nil, err
		}
	}
	before := map[*models.Debtor]models.Debtor{}
	var fresh, touched []*models.Debtor
	rowDebtor := make([]*models.Debtor, len(valid))
	for i, v := range valid {
		if v.In.DebtorID != nil {
			id, err := s.debtor(tx, models.Creditor{ID: creditorOf[i]}, v)
			if err != nil {
				return nil, err
			}
			ids[i] = id
			continue
		}
		c, in := creditorOf[i], v.In.Debtor
		ref := debtorReference(in)
		var d *models.Debtor
		if in.Reference == "" && in.SIREN != "" {
			d = bySIREN[debtorKey{c, in.SIREN}]
		} else {
			d = byRef[debtorKey{c, ref}]
		}
		if d == nil {
			d = &models.Debtor{CreditorID: c, Reference: ref, Currency: v.Currency}
			byRef[debtorKey{c, ref}] = d
			fresh = append(fresh, d)
		} else if _, seen := before[d]; !seen && d.ID != 0 {
			before[d] = *d
			touched = append(touched, d)
		}
		oldSIREN := d.SIREN
		applyDebtorInput(d, in)
		if d.SIREN != oldSIREN {
			if bySIREN[debtorKey{c, oldSIREN}] == d {
				delete(bySIREN, debtorKey{c, oldSIREN})
			}
			if d.SIREN != "" && bySIREN[debtorKey{c, d.SIREN}] == nil {
				bySIREN[debtorKey{c, d.SIREN}] = d
			}
		}
		rowDebtor[i] = d
	}
	for chunk := range slices.Chunk(fresh, bulkChunk) {
		if err := tx.Create(chunk).Error; err != nil {
			return nil, fmt.Errorf("create %d debtors: %w", len(chunk), err)
		}
	}
	for _, d := range touched {
		if *d == before[d] {
			continue
		}
		if err := tx.Save(d).Error; err != nil {
			return nil, fmt.Errorf("save debtor %q: %w", d.Name, err)
		}
	}
	for i, d := range rowDebtor {
		if d != nil {
			ids[i] = d.ID
		}
	}
	return ids, nil
}

// loadInChunks reads the debtors of a creditor whose column is one of
// values, lowest ID first, and hands each to fn.
func loadInChunks(tx *gorm.DB, creditorID uint, column string, values []string, fn func(*models.Debtor)) error {
	slices.Sort(values)
	values = slices.Compact(values)
	for chunk := range slices.Chunk(values, bulkChunk) {
		var found []models.Debtor
		if err := tx.Where("creditor_id = ? AND "+column+" IN ?", creditorID, chunk).Order("id").Find(&found).Error; err != nil {
			return fmt.Errorf("look up %d debtors by %s: %w", len(chunk), column, err)
		}
		for i := range found {
			fn(&found[i])
		}
	}
	return nil
}

// invoicesBulk creates or updates each row's invoice, and says which it did.
func (s *Service) invoicesBulk(tx *gorm.DB, creditorOf, debtorIDs []uint, valid []validInvoice) ([]models.Invoice, []string, error) {
	numbers := map[uint][]string{}
	for i, v := range valid {
		numbers[creditorOf[i]] = append(numbers[creditorOf[i]], strings.TrimSpace(v.In.Number))
	}
	existing := map[debtorKey]models.Invoice{}
	for c, all := range numbers {
		for chunk := range slices.Chunk(all, bulkChunk) {
			var found []models.Invoice
			if err := tx.Where("creditor_id = ? AND number IN ?", c, chunk).Find(&found).Error; err != nil {
				return nil, nil, fmt.Errorf("look up %d invoices: %w", len(chunk), err)
			}
			for _, inv := range found {
				existing[debtorKey{c, inv.Number}] = inv
			}
		}
	}
	invoices := make([]models.Invoice, len(valid))
	results := make([]string, len(valid))
	var fresh []int // indexes of invoices to create
	for i, v := range valid {
		number := strings.TrimSpace(v.In.Number)
		inv, exists := existing[debtorKey{creditorOf[i], number}]
		before := inv
		fillInvoice(&inv, exists, creditorOf[i], debtorIDs[i], number, v)
		invoices[i] = inv
		switch {
		case !exists:
			results[i] = "created"
			fresh = append(fresh, i)
		case sameInvoice(before, inv):
			results[i] = "unchanged"
		default:
			results[i] = "updated"
			if err := tx.Save(&invoices[i]).Error; err != nil {
				return nil, nil, fmt.Errorf("row %d: save invoice %s: %w", v.Row, number, err)
			}
		}
	}
	for chunk := range slices.Chunk(fresh, bulkChunk) {
		batch := make([]models.Invoice, len(chunk))
		for j, i := range chunk {
			batch[j] = invoices[i]
		}
		if err := tx.Create(&batch).Error; err != nil {
			return nil, nil, fmt.Errorf("rows %d to %d: create %d invoices: %w", valid[chunk[0]].Row, valid[chunk[len(chunk)-1]].Row, len(batch), err)
		}
		for j, i := range chunk {
			invoices[i] = batch[j]
		}
	}
	return invoices, results, nil
}

// casesBulk finds each invoice's case, or opens it as ensureCase does.
func (s *Service) casesBulk(tx *gorm.DB, invoices []models.Invoice) ([]*models.Case, []bool, error) {
	byInvoice := make(map[uint]*models.Case, len(invoices))
	ids := make([]uint, len(invoices))
	for i, inv := range invoices {
		ids[i] = inv.ID
	}
	for chunk := range slices.Chunk(ids, bulkChunk) {
		var found []models.Case
		if err := tx.Where("invoice_id IN ?", chunk).Find(&found).Error; err != nil {
			return nil, nil, fmt.Errorf("look up the cases of %d invoices: %w", len(chunk), err)
		}
		for i := range found {
			byInvoice[found[i].InvoiceID] = &found[i]
		}
	}
	cases := make([]*models.Case, len(invoices))
	opened := make([]bool, len(invoices))
	var fresh []int
	for i, inv := range invoices {
		if c := byInvoice[inv.ID]; c != nil {
			cases[i] = c
			continue
		}
		if c, needed := s.newCase(inv); needed {
			cases[i], opened[i] = &c, true
			fresh = append(fresh, i)
		}
	}
	opening := make([]*models.Case, len(fresh))
	for j, i := range fresh {
		opening[j] = cases[i]
	}
	if err := assign(tx, opening); err != nil {
		return nil, nil, err
	}
	for chunk := range slices.Chunk(fresh, bulkChunk) {
		batch := make([]models.Case, len(chunk))
		for j, i := range chunk {
			batch[j] = *cases[i]
		}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&batch)
		if res.Error != nil {
			return nil, nil, fmt.Errorf("open %d cases: %w", len(batch), res.Error)
		}
		if res.RowsAffected == int64(len(batch)) {
			for j, i := range chunk {
				cases[i] = &batch[j]
			}
			continue
		}
		// Another import opened some of these cases meanwhile: the IDs
		// returned no longer line up with the batch, so read them all back.
		invoiceIDs := make([]uint, len(chunk))
		for j, i := range chunk {
			invoiceIDs[j] = invoices[i].ID
		}
		var found []models.Case
		if err := tx.Where("invoice_id IN ?", invoiceIDs).Find(&found).Error; err != nil {
			return nil, nil, fmt.Errorf("read back %d cases: %w", len(chunk), err)
		}
		for k := range found {
			byInvoice[found[k].InvoiceID] = &found[k]
		}
		for _, i := range chunk {
			cases[i], opened[i] = byInvoice[invoices[i].ID], false
		}
	}
	return cases, opened, nil
}

// startCases starts the workflows of the cases that opened, as startCase
// does one by one, reading the cases, invoices and debtors a chunk at a time.
// Failures are logged: the daily sweep starts what did not start.
func (s *Service) startCases(ctx context.Context, ids []uint) {
	db := s.DB.WithContext(ctx)
	for chunk := range slices.Chunk(ids, bulkChunk) {
		var cases []models.Case
		if err := db.Where("id IN ? AND workflow_started = ?", chunk, false).Order("id").Find(&cases).Error; err != nil {
			s.logger().Warn("cases saved but their workflows did not start; the sweep will retry", "cases", len(chunk), "err", err)
			continue
		}
		if s.Starter == nil {
			s.logger().Warn("cases saved but their workflows did not start: Temporal is not connected; the sweep will retry", "cases", len(cases))
			continue
		}
		invoiceIDs := make([]uint, 0, len(cases))
		debtorIDs := make([]uint, 0, len(cases))
		for _, c := range cases {
			invoiceIDs, debtorIDs = append(invoiceIDs, c.InvoiceID), append(debtorIDs, c.DebtorID)
		}
		var invoices []models.Invoice
		var debtors []models.Debtor
		err := db.Where("id IN ?", invoiceIDs).Find(&invoices).Error
		if err == nil {
			err = db.Where("id IN ?", debtorIDs).Find(&debtors).Error
		}
		if err != nil {
			s.logger().Warn("cases saved but their workflows did not start; the sweep will retry", "cases", len(cases), "err", err)
			continue
		}
		invoiceByID := make(map[uint]models.Invoice, len(invoices))
		for _, inv := range invoices {
			invoiceByID[inv.ID] = inv
		}
		debtorByID := make(map[uint]models.Debtor, len(debtors))
		for _, d := range debtors {
			debtorByID[d.ID] = d
		}
		started := make([]uint, 0, len(cases))
		for _, c := range cases {
			if err := s.Starter.StartCase(ctx, c, invoiceByID[c.InvoiceID], debtorByID[c.DebtorID]); err != nil {
				s.logger().Warn("case saved but its workflow did not start; the sweep will retry", "case", c.ID, "err", err)
				continue
			}
			started = append(started, c.ID)
		}
		if len(started) == 0 {
			continue
		}
		if err := db.Model(&models.Case{}).Where("id IN ?", started).Update("workflow_started", true).Error; err != nil {
			s.logger().Warn("workflows started but not marked; the sweep will find them started", "cases", len(started), "err", err)
		}
	}
}
