package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/internal/money"
	"github.com/recouvra/recouvra/internal/moneyin"
	"github.com/recouvra/recouvra/models"
)

// registerMoneyIn mounts the money-in endpoints: file imports, the suspense
// list and manual lettrage. Only the creditor's managers may move money.
func (s *Server) registerMoneyIn(v1 *gin.RouterGroup) {
	managers := requireRole(models.RoleAdmin, models.RoleCreditManager)
	for _, kind := range []string{moneyin.KindFEC, moneyin.KindFacturX, moneyin.KindUBL, moneyin.KindBank, moneyin.KindCSV} {
		v1.POST("/imports/"+kind, managers, s.importMoneyIn(kind))
	}
	v1.GET("/payments", managers, s.listPayments)
	v1.POST("/allocations", managers, s.postAllocation)
	v1.POST("/allocations/:id/reverse", managers, s.reverseAllocation)
}

// moneyIn is the service over the server's database, intake and Temporal.
func (s *Server) moneyIn() *moneyin.Service {
	if s.MoneyIn != nil {
		return s.MoneyIn
	}
	var sig moneyin.Signaller
	if s.Temporal != nil {
		sig = moneyin.TemporalSignaller{Client: s.Temporal}
	}
	return moneyin.New(s.DB, s.Intake, sig, s.Log)
}

// importMoneyIn takes the file as multipart field "file" or as the body
// (then named by ?filename=). CSV imports take "source" and, to save a new
// mapping, "mapping" as a JSON object, from the form or the query.
func (s *Server) importMoneyIn(kind string) gin.HandlerFunc {
	return func(c *gin.Context) {
		f, ok := uploadedFile(c)
		if !ok {
			return
		}
		if closer, ok := f.Body.(io.Closer); ok {
			defer closer.Close()
		}
		f.By = currentUser(c).Email
		svc := s.moneyIn()
		var sum moneyin.Summary
		var err error
		switch kind {
		case moneyin.KindFEC:
			sum, err = svc.ImportFEC(c.Request.Context(), f)
		case moneyin.KindFacturX:
			sum, err = svc.ImportFacturX(c.Request.Context(), f)
		case moneyin.KindUBL:
			sum, err = svc.ImportUBL(c.Request.Context(), f)
		case moneyin.KindBank:
			sum, err = svc.ImportBank(c.Request.Context(), f)
		case moneyin.KindCSV:
			var m moneyin.Mapping
			if raw := formOrQuery(c, "mapping"); raw != "" {
				if err := json.Unmarshal([]byte(raw), &m); err != nil {
					fail(c, http.StatusBadRequest, "mapping is not a JSON object of column → header: "+err.Error())
					return
				}
			}
			sum, err = svc.ImportCSV(c.Request.Context(), f, formOrQuery(c, "source"), m)
		}
		if rej := (*moneyin.RejectedError)(nil); errors.As(err, &rej) {
			s.audit(c, "api.import_rejected", "imported_file", 0, f.Name, sum)
		}
		if err != nil {
			s.moneyInError(c, err)
			return
		}
		// The service audits a new file; this entry adds who, from where,
		// and records re-imports too, as the back-office does.
		s.audit(c, "api.import", "imported_file", sum.FileID, f.Name, sum)
		status := http.StatusOK
		if sum.Created > 0 {
			status = http.StatusCreated
		}
		c.JSON(status, moneyInSummaryViewOf(sum, s.booksCurrency(c.Request.Context())))
	}
}

func uploadedFile(c *gin.Context) (moneyin.File, bool) {
	f := moneyin.File{Name: c.Query("filename")}
	var r io.Reader = http.MaxBytesReader(c.Writer, c.Request.Body, maxBody)
	if strings.HasPrefix(c.ContentType(), "multipart/") {
		fh, err := c.FormFile("file")
		if err != nil {
			fail(c, http.StatusBadRequest, "multipart upload needs the file in field \"file\"")
			return f, false
		}
		file, err := fh.Open()
		if err != nil {
			fail(c, http.StatusBadRequest, "cannot read uploaded file: "+err.Error())
			return f, false
		}
		// The multipart file is spooled to disk by net/http: stream it.
		if fh.Size == 0 {
			file.Close()
			fail(c, http.StatusBadRequest, "the file is empty")
			return f, false
		}
		f.Name, f.Body = fh.Filename, file // closed by the handler once imported
		return f, true
	}
	content, err := io.ReadAll(r)
	if err != nil {
		fail(c, http.StatusRequestEntityTooLarge, "file too large or unreadable: "+err.Error())
		return f, false
	}
	if len(content) == 0 {
		fail(c, http.StatusBadRequest, "the file is empty")
		return f, false
	}
	if f.Name == "" {
		f.Name = "upload"
	}
	f.Content = content
	return f, true
}

func formOrQuery(c *gin.Context, key string) string {
	if v := c.PostForm(key); v != "" {
		return v
	}
	return c.Query(key)
}

// moneyInError answers 400 with every rejection (line or path, field,
// message), 404 or 409 for manual lettrage, 500 otherwise.
func (s *Server) moneyInError(c *gin.Context, err error) {
	var rej *moneyin.RejectedError
	var in *moneyin.InputError
	switch {
	case errors.As(err, &rej):
		errs := make([]intake.FieldError, 0, len(rej.Rejected))
		for _, r := range rej.Rejected {
			field := r.Field
			if r.Path != "" {
				field = strings.TrimSuffix(r.Path+" "+r.Field, " ")
			}
			errs = append(errs, intake.FieldError{Row: r.Line, Field: field, Message: r.Message})
		}
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "file rejected: nothing was saved", Errors: errs})
	case errors.As(err, &in):
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: in.Error(), Errors: []intake.FieldError{{Field: in.Field, Message: in.Message}}})
	case errors.Is(err, moneyin.ErrNotFound):
		fail(c, http.StatusNotFound, err.Error())
	case errors.Is(err, moneyin.ErrConflict):
		fail(c, http.StatusConflict, err.Error())
	default:
		s.Log.Error("money-in request failed", "path", c.FullPath(), "err", err)
		fail(c, http.StatusInternalServerError, "failed, nothing was saved: "+err.Error())
	}
}

// listPayments lists payments, newest first; ?unallocated=true gives the
// suspense list: payments not (fully) lettered, waiting for a person.
func (s *Server) listPayments(c *gin.Context) {
	var payments []models.Payment
	var err error
	if c.Query("unallocated") == "true" {
		payments, err = s.moneyIn().Suspense(c.Request.Context(), 1000)
	} else {
		err = s.DB.WithContext(c.Request.Context()).Order("date DESC, id DESC").Limit(1000).Find(&payments).Error
	}
	if err != nil {
		s.moneyInError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"payments": viewsOf(payments, paymentViewOf)})
}

// allocationInput is the body of POST /allocations: a manual allocation,
// whose amount may also come as a money object (amount) in the invoice's
// currency. cents is declared again, as a pointer, to tell 0 from absent;
// encoding/json gives it precedence over the embedded one.
type allocationInput struct {
	moneyin.ManualAllocation
	Cents  *int64        `json:"cents"`
	Amount *money.Amount `json:"amount"`
}

// postAllocation letters a payment or credit note against an invoice by hand.
func (s *Server) postAllocation(c *gin.Context) {
	var in allocationInput
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		fail(c, http.StatusBadRequest, "body is not an allocation {invoice_id, payment_id or credit_note_id, cents or amount, reason}: "+err.Error())
		return
	}
	ctx := c.Request.Context()
	m, amount := in.ManualAllocation, moneyInput{"cents", "amount", in.Cents, in.Amount}
	currency := ""
	if in.Amount != nil { // the object's currency must be the invoice's
		var inv models.Invoice
		if err := s.DB.WithContext(ctx).Select("currency").Take(&inv, m.InvoiceID).Error; err != nil {
			s.moneyInError(c, notFoundAs(err, "invoice", m.InvoiceID))
			return
		}
		currency = inv.Currency
	}
	cents, object, ferr := amount.resolve(currency, "the invoice")
	if ferr != nil {
		s.moneyInError(c, &moneyin.InputError{Field: ferr.Field, Message: ferr.Message})
		return
	}
	m.Cents = cents
	a, err := s.moneyIn().Allocate(ctx, m, actor(c))
	var invalid *moneyin.InputError
	if errors.As(err, &invalid) && invalid.Field == amount.CentsField {
		invalid.Field = amount.fieldName(object) // named as the body gave it
	}
	if err != nil {
		s.moneyInError(c, err)
		return
	}
	views, err := s.allocationViews(ctx, []models.Allocation{a})
	if err != nil {
		s.moneyInError(c, err)
		return
	}
	c.JSON(http.StatusCreated, views[0])
}

// notFoundAs turns a record not found into moneyin's ErrNotFound (404).
func notFoundAs(err error, what string, id uint) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%w: no %s %d", moneyin.ErrNotFound, what, id)
	}
	return err
}

// reverseAllocation unletters; the reason is required and audited.
func (s *Server) reverseAllocation(c *gin.Context) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		fail(c, http.StatusBadRequest, "allocation id "+strconv.Quote(c.Param("id"))+" is not a number")
		return
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)).Decode(&body); err != nil && !errors.Is(err, io.EOF) {
		fail(c, http.StatusBadRequest, "body is not {\"reason\": \"…\"}: "+err.Error())
		return
	}
	rev, err := s.moneyIn().Reverse(c.Request.Context(), uint(id), body.Reason, actor(c))
	if err != nil {
		s.moneyInError(c, err)
		return
	}
	allocations, err := s.allocationViews(c.Request.Context(), rev.Allocations)
	if err != nil {
		s.moneyInError(c, err)
		return
	}
	c.JSON(http.StatusOK, reversalView{Allocations: allocations, Warning: rev.Warning})
}

func actor(c *gin.Context) moneyin.Actor {
	u := currentUser(c)
	return moneyin.Actor{Email: u.Email, UserID: &u.ID, RemoteAddr: c.ClientIP()}
}
