package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/intake"
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
		if err != nil {
			s.moneyInError(c, err)
			return
		}
		status := http.StatusOK
		if sum.Created > 0 {
			status = http.StatusCreated
		}
		c.JSON(status, sum)
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
	c.JSON(http.StatusOK, gin.H{"payments": payments})
}

// postAllocation letters a payment or credit note against an invoice by hand.
func (s *Server) postAllocation(c *gin.Context) {
	var m moneyin.ManualAllocation
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		fail(c, http.StatusBadRequest, "body is not an allocation {invoice_id, payment_id or credit_note_id, cents, reason}: "+err.Error())
		return
	}
	a, err := s.moneyIn().Allocate(c.Request.Context(), m, actor(c))
	if err != nil {
		s.moneyInError(c, err)
		return
	}
	c.JSON(http.StatusCreated, a)
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
	c.JSON(http.StatusOK, rev)
}

func actor(c *gin.Context) moneyin.Actor {
	u := currentUser(c)
	return moneyin.Actor{Email: u.Email, UserID: &u.ID, RemoteAddr: c.ClientIP()}
}
