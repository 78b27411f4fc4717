package api

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/debtoredit"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/models"
)

// debtorPatchFields are the fields PATCH /debtors/:id takes.
var debtorPatchFields = []string{
	"credit_limit", "credit_limit_cents", "blocked", "notes", "account_manager_id", "email", "phone", "payment_contact",
}

// patchDebtor answers PATCH /api/v1/debtors/:id: each field of the body is
// set, the others are kept. Unknown fields and bad values answer 400 naming
// each of them, and nothing is changed. The audit log keeps the changed
// fields before and after.
func (s *Server) patchDebtor(c *gin.Context) {
	id, ok := pathID(c, "debtor")
	if !ok {
		return
	}
	var d models.Debtor
	err := s.DB.WithContext(c.Request.Context()).Take(&d, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		fail(c, http.StatusNotFound, "no debtor "+c.Param("id"))
		return
	}
	if err != nil {
		s.Log.Error("load debtor", "debtor", id, "err", err)
		fail(c, http.StatusInternalServerError, "cannot read debtor")
		return
	}
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)).Decode(&raw); err != nil {
		fe := jsonFieldError(0, err)
		fe.Field = cmp.Or(fe.Field, "body") // not an object at all
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: []intake.FieldError{fe}})
		return
	}
	ch, errs := s.debtorChanges(c, d, raw)
	if len(errs) == 0 && len(ch) == 0 {
		errs = append(errs, intake.FieldError{Field: "body", Message: "names no field to change; give any of " + strings.Join(debtorPatchFields, ", ")})
	}
	if len(errs) > 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "invalid body", Errors: errs})
		return
	}
	res, err := debtoredit.Apply(c.Request.Context(), s.DB, d, ch)
	if err != nil {
		s.Log.Error("patch debtor", "debtor", d.ID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot update debtor")
		return
	}
	s.audit(c, "debtor.update", "debtor", d.ID, res.Before, res.After)
	c.JSON(http.StatusOK, debtorViewOf(res.Debtor))
}

// debtorChanges reads and checks every field of a PATCH body, returning the
// changes or an error for each unknown field and each bad value.
func (s *Server) debtorChanges(c *gin.Context, d models.Debtor, raw map[string]json.RawMessage) (debtoredit.Changes, []intake.FieldError) {
	ch := debtoredit.Changes{}
	var errs []intake.FieldError
	bad := func(field, msg string) { errs = append(errs, intake.FieldError{Field: field, Message: msg}) }
	var unknown []string
	for field := range raw {
		if !slices.Contains(debtorPatchFields, field) {
			unknown = append(unknown, field)
		}
	}
	sort.Strings(unknown)
	for _, field := range unknown {
		bad(field, "unknown field; a debtor's PATCH takes "+strings.Join(debtorPatchFields, ", "))
	}
	// decode reads a given field into dst: not null, of dst's type, and
	// for an object without fields of its own.
	decode := func(field string, dst any) bool {
		v, given := raw[field]
		if !given {
			return false
		}
		if string(bytes.TrimSpace(v)) == "null" {
			bad(field, "must not be null")
			return false
		}
		dec := json.NewDecoder(bytes.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(dst); err != nil {
			fe := jsonFieldError(0, err)
			switch fe.Field {
			case "", "body": // the value itself
				fe.Field = field
			default: // a field of the object
				fe.Field = field + "." + fe.Field
			}
			errs = append(errs, fe)
			return false
		}
		return true
	}

	var cents int64
	var amount money.Amount
	limit := moneyInput{CentsField: "credit_limit_cents", Field: "credit_limit"}
	if decode("credit_limit_cents", &cents) {
		limit.Cents = &cents
	}
	if decode("credit_limit", &amount) {
		limit.Amount = &amount
	}
	if v, object, ferr := limit.resolve(d.Currency, "the debtor"); ferr != nil {
		errs = append(errs, *ferr)
	} else if limit.Cents != nil || limit.Amount != nil {
		if err := debtoredit.CheckCreditLimit(v); err != nil {
			bad(limit.fieldName(object), err.Error())
		} else {
			ch["credit_limit_cents"] = v
		}
	}

	var blocked bool
	if decode("blocked", &blocked) {
		ch["blocked"] = blocked
	}
	var notes string
	if decode("notes", &notes) {
		ch["notes"] = strings.TrimSpace(notes)
	}
	if v, given := raw["account_manager_id"]; given {
		var manager *uint
		if err := json.Unmarshal(v, &manager); err != nil || (manager != nil && *manager == 0) {
			bad("account_manager_id", "must be a user id or null, got "+string(v))
		} else if err := debtoredit.CheckAccountManager(c.Request.Context(), s.DB, d, manager); err != nil {
			bad("account_manager_id", err.Error())
		} else {
			ch["account_manager_id"] = manager
		}
	}
	for _, field := range []string{"email", "phone", "payment_contact"} {
		var v string
		if !decode(field, &v) {
			continue
		}
		v = strings.TrimSpace(v)
		if err := debtoredit.CheckContact(field, v); err != nil {
			bad(field, err.Error())
		} else {
			ch[field] = v
		}
	}
	return ch, errs
}
