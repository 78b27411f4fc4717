package casequery

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
)

// Cursor names a position in a sorted list: the sort and direction it
// belongs to, and the sort value and ID of the last row seen.
type Cursor struct {
	Sort  Sort   `json:"s"`
	Desc  bool   `json:"d,omitempty"`
	Value string `json:"v"` // the row's sort value as text; "" for NULL
	ID    uint   `json:"id"`
}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	b, _ := json.Marshal(c) // a struct of strings, a bool and a number
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor reads a cursor from String, refusing one whose sort or value
// is not one a list gives.
func ParseCursor(s string) (Cursor, error) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == 0 {
		return Cursor{}, &ParamError{"cursor", s, "is not a next_cursor this API gave"}
	}
	k, ok := sortKeys[c.Sort]
	if !ok {
		return Cursor{}, &ParamError{"cursor", s, "names an unknown sort " + string(c.Sort)}
	}
	if _, err := c.arg(k); err != nil {
		return Cursor{}, &ParamError{"cursor", s, "carries a value its sort cannot read: " + err.Error()}
	}
	return c, nil
}

func (c Cursor) arg(k sortKey) (any, error) {
	if c.Value == "" && !k.nullable {
		return nil, fmt.Errorf("%s is never empty", c.Sort)
	}
	return k.arg(c.Value)
}

// where keeps the rows after the cursor's in its order (see Filter.order):
// the sort value further on, or the same value and a further ID.
func (c Cursor) where(q *gorm.DB) *gorm.DB {
	k := sortKeys[c.Sort]
	v, err := c.arg(k)
	if err != nil {
		_ = q.AddError(&ParamError{"cursor", c.String(), err.Error()})
		return q
	}
	col, op := k.column, ">"
	if c.Desc {
		op = "<"
	}
	after := "(" + col + " " + op + " ? OR (" + col + " = ? AND cases.id " + op + " ?))"
	switch {
	case !k.nullable:
		return q.Where(after, v, v, c.ID)
	case v == nil && !c.Desc: // among the NULLs, which come last
		return q.Where("("+col+" IS NULL AND cases.id > ?)", c.ID)
	case v == nil: // among the NULLs, which come first: the rest follow
		return q.Where("(("+col+" IS NULL AND cases.id < ?) OR "+col+" IS NOT NULL)", c.ID)
	case !c.Desc: // the NULLs still follow
		return q.Where("("+after+" OR "+col+" IS NULL)", v, v, c.ID)
	default: // the NULLs came first
		return q.Where(after, v, v, c.ID)
	}
}
