package civil

import "fmt"

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// French writes the date as in a French letter: "1er mars 2026", "23 novembre 2026".
func (d Date) French() string {
	if d.IsZero() {
		return ""
	}
	day := fmt.Sprint(d.Day())
	if d.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frenchMonths[d.Month()-1], d.Year())
}

// FrenchNumeric writes the date as DD/MM/YYYY, the form of tables and statements.
func (d Date) FrenchNumeric() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day(), int(d.Month()), d.Year())
}
