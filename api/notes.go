package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/recouvra/recouvra/internal/casenotes"
)

// postCaseNote answers POST /api/v1/cases/:id/notes {"text": "..."}: the
// note goes on the case's timeline exactly as the back-office's does. Every
// role may write one within its scope, so a partner only on the cases
// delegated to it; any other case is 404, as if it did not exist.
func (s *Server) postCaseNote(c *gin.Context) {
	row, ok := s.caseInScope(c)
	if !ok {
		return
	}
	var body struct {
		Text *string `json:"text"`
	}
	if !decodeStrict(c, &body) {
		return
	}
	if body.Text == nil {
		badField(c, "text", "is required")
		return
	}
	ev, err := casenotes.Add(c.Request.Context(), s.DB, row.ID, currentUser(c).Email, *body.Text)
	var badLength *casenotes.LengthError
	switch {
	case errors.As(err, &badLength):
		badField(c, "text", badLength.Error())
		return
	case err != nil:
		s.Log.Error("case note", "case", row.ID, "err", err)
		fail(c, http.StatusInternalServerError, "cannot record the note")
		return
	}
	s.audit(c, "case.note", "case", row.ID, nil, ev)
	c.JSON(http.StatusCreated, storedEventViewOf(ev, row.Currency))
}
