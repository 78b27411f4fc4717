package dispatch

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/lettertemplates"
	"github.com/recouvra/recouvra/internal/money"
)

// formatter writes amounts, dates and lists for the debtor's language.
type formatter struct{ lang string }

func formatterFor(lang string) formatter { return formatter{lang: lang} }

var englishMonths = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// date: "1er mars 2026" in French, "1 March 2026" in English.
func (f formatter) date(d civil.Date) string {
	if f.lang != lettertemplates.English || d.IsZero() {
		return d.French()
	}
	return fmt.Sprintf("%d %s %d", d.Day(), englishMonths[d.Month()-1], d.Year())
}

// money: "1 234,56 €" in French, "€1,234.56" in English.
func (f formatter) money(cents int64, currency string) string {
	if f.lang != lettertemplates.English {
		return money.Format(cents, currency)
	}
	n := strings.NewReplacer("\u00a0", ",", ",", ".").Replace(money.FormatNumber(cents))
	sym := money.Symbol(currency)
	if sym == currency { // an ISO code rather than a sign
		return sym + " " + n
	}
	if strings.HasPrefix(n, "-") {
		return "-" + sym + n[1:]
	}
	return sym + n
}

// list joins items as a sentence: "A, B et C" / "A, B and C".
func (f formatter) list(items []string) string {
	and := " et "
	if f.lang == lettertemplates.English {
		and = " and "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}
