// Package demo seeds the data `make run` shows on first start: one creditor,
// about twenty debtors of every kind across several départements, and about a
// hundred invoices of varied ages, amounts and states. The invoices go through
// the normal intake, so their cases and workflows start as real ones would.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/internal/civil"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// Creditor is the demo creditor.
var Creditor = models.Creditor{
	LegalForm: "SAS", Name: "Fournitures Industrielles du Val de Seine", SIREN: WithLuhn("41234567"),
	RCSCity: "Nanterre", ShareCapitalCents: 15000000, Currency: "EUR",
	Address: models.Address{Line1: "12 rue des Trois Fontanot", PostalCode: "92000", City: "Nanterre", InseeCode: "92050", Country: "FR"},
	IBAN:    "FR7630006000011234567890189", BIC: "AGRIFRPP",
	Representative: "Claire Dubois", RepresentativeTitle: "Présidente",
	Email: "recouvrement@fivs.example", Phone: "01 47 00 00 00", Mobile: "06 12 34 56 78",
	PaymentTermsDays: 30, Employees: 85,
}

type debtor struct {
	name, kind, form, line1, postal, city, insee, rcs string
}

var debtors = []debtor{
	{"Boulangerie Martin", "trader", "SARL", "5 place du Marché", "92000", "Nanterre", "92050", "Nanterre"},
	{"Transports Rhône Express", "trader", "SAS", "48 quai Perrache", "69002", "Lyon", "69382", "Lyon"},
	{"Brasserie de l'Ill", "trader", "SARL", "3 quai des Bateliers", "67000", "Strasbourg", "67482", "Strasbourg"},
	{"Menuiserie Lefèvre", "trader", "EI", "17 rue des Artisans", "87000", "Limoges", "87085", "Limoges"}, // artisan
	{"Association Sportive des Quais", "civil", "Association", "21 cours Victor Hugo", "33000", "Bordeaux", "33063", ""},
	{"Jean Dupont", "consumer", "", "8 rue de la République", "69003", "Lyon", "69383", ""},
	{"Sophie Bernard", "consumer", "", "14 avenue Jean Jaurès", "13001", "Marseille", "13201", ""},
	{"Imprimerie du Centre", "trader", "SAS", "2 rue Gutenberg", "75011", "Paris", "75111", "Paris"},
	{"Garage Moselle Auto", "trader", "SARL", "90 route de Thionville", "57000", "Metz", "57463", "Metz"},
	{"Cabinet Médical Lumière", "civil", "SCM", "6 rue Lumière", "69100", "Villeurbanne", "69266", ""},
	{"Électricité Générale Nantaise", "trader", "SAS", "33 boulevard de la Prairie", "44000", "Nantes", "44109", "Nantes"},
	{"Café des Arts", "trader", "SNC", "1 place du Capitole", "31000", "Toulouse", "31555", "Toulouse"},
	{"Logistique du Nord", "trader", "SA", "250 avenue de la Marne", "59000", "Lille", "59350", "Lille Métropole"},
	{"Pharmacie Grenobloise", "trader", "SELARL", "9 cours Berriat", "38000", "Grenoble", "38185", "Grenoble"},
	{"Studio Créatif Montpelliérain", "trader", "SASU", "11 rue Foch", "34000", "Montpellier", "34172", "Montpellier"},
	{"Traiteur de Versailles", "trader", "SARL", "4 rue de la Paroisse", "78000", "Versailles", "78646", "Versailles"},
	{"Conseil & Stratégie Boulogne", "civil", "SCP", "120 route de la Reine", "92100", "Boulogne-Billancourt", "92012", ""},
	{"Textiles Haut-Rhin", "trader", "SAS", "15 rue de Bâle", "68100", "Mulhouse", "68224", "Mulhouse"},
	{"Cave Coopérative de Colmar", "trader", "SCA", "7 route du Vin", "68000", "Colmar", "68066", "Colmar"},
	{"Librairie Lorraine", "trader", "SARL", "22 rue Stanislas", "54000", "Nancy", "54395", "Nancy"},
}

// Seed writes the demo data unless a creditor exists already, and returns
// whether it did. Import starts the workflows of the cases it opens.
func Seed(ctx context.Context, db *gorm.DB, in *intake.Service, today civil.Date) (bool, error) {
	var n int64
	if err := db.WithContext(ctx).Model(&models.Creditor{}).Count(&n).Error; err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	c := Creditor
	if err := db.WithContext(ctx).Create(&c).Error; err != nil {
		return false, fmt.Errorf("create demo creditor: %w", err)
	}
	if _, err := in.Import(ctx, Invoices(today)); err != nil {
		return false, fmt.Errorf("import demo invoices: %w", err)
	}
	return true, nil
}

// Invoices returns about a hundred invoices dated around today. The random
// source is seeded, so every fresh start shows the same shape of data.
func Invoices(today civil.Date) []intake.Row {
	rnd := rand.New(rand.NewPCG(2026, 11))
	var rows []intake.Row
	for i, d := range debtors {
		kind := d.kind
		var siren string
		if kind != "consumer" {
			siren = WithLuhn(fmt.Sprintf("8%02d%05d", i, 4242+i*37))
		}
		for k := range 5 {
			age := rnd.IntN(160) + 5 // days since issue
			issue := today.AddDays(-age)
			terms := []int{30, 45, 60}[rnd.IntN(3)]
			total := int64(rnd.IntN(950000)+15000) / 10 * 10 // 150 € – 9 650 €
			vat := total - total*100/120
			in := intake.InvoiceInput{
				Number:     fmt.Sprintf("FA-%s-%03d", issue.String()[:7], i*5+k+1),
				IssueDate:  issue.String(),
				DueDate:    issue.AddDays(terms).String(),
				TotalCents: &total, VATCents: &vat, Currency: "EUR",
				PaymentTerms: fmt.Sprintf("%d jours date de facture", terms),
				Source:       "demo",
				Debtor: &intake.DebtorInput{
					Reference: fmt.Sprintf("411%05d", 100+i), Name: d.name, Kind: kind, LegalForm: d.form,
					SIREN: siren, RCSCity: d.rcs,
					Email:   fmt.Sprintf("compta%d@debiteur.example", i+1),
					Phone:   fmt.Sprintf("0%d %02d %02d %02d %02d", 1+i%5, 10+i, 20+k, 30+i, 40+k),
					Address: models.Address{Line1: d.line1, PostalCode: d.postal, City: d.city, InseeCode: d.insee, Country: "FR"},
				},
			}
			switch rnd.IntN(6) {
			case 0: // paid in full
				zero := int64(0)
				in.OutstandingCents = &zero
			case 1: // partly paid
				part := total / 2
				in.OutstandingCents = &part
			}
			if k == 0 && kind == "trader" && i%4 == 1 {
				rate := intake.Decimal("15.00")
				in.LateRatePercent = &rate
			}
			rows = append(rows, intake.Row{Row: len(rows) + 1, Input: in})
		}
	}
	return rows
}

// WithLuhn appends the Luhn check digit to an 8-digit SIREN stem.
func WithLuhn(stem string) string {
	for d := '0'; d <= '9'; d++ {
		s := stem + string(d)
		sum := 0
		for i := len(s) - 1; i >= 0; i-- {
			n := int(s[i] - '0')
			if (len(s)-1-i)%2 == 1 {
				n *= 2
				if n > 9 {
					n -= 9
				}
			}
			sum += n
		}
		if sum%10 == 0 {
			return s
		}
	}
	panic("unreachable: one digit always completes a Luhn sum")
}
