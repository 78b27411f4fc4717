// Package lettertemplates renders the editable texts of amicable recovery —
// email subjects and bodies, letter bodies, call scripts — from versioned
// templates: the defaults shipped in templates/letters, superseded by the
// versions a credit manager saves in the database.
//
// Placeholders are the fields of Data and nothing else. A template naming a
// field Data lacks is refused when it is saved (Validate), so that a send
// never fails on a typo made weeks earlier in the back-office.
package lettertemplates

// Data is everything a template may print. Amounts and dates are already
// formatted for the debtor's language ("1 234,56 €", "23 novembre 2026"):
// templates only place them.
type Data struct {
	Debtor         Party
	Creditor       Party
	AccountManager Person
	// Invoices are the invoices this piece is about (one per case grouped
	// into it); InvoiceNumbers lists their numbers in one phrase.
	Invoices       []Invoice
	InvoiceNumbers string
	Count          int    // len(Invoices), for singular and plural
	Total          string // balance of Invoices
	StatementTotal string // balance of every open invoice of the debtor
	Level          int
	Date           string // date of the letter, in words
	// PaymentReference is what the debtor quotes on the transfer.
	PaymentReference string
	// Formal demand only (empty otherwise).
	Deadline    string
	Principal   string
	Penalties   string
	Indemnities string // empty when no indemnity is claimed (consumers)
	DemandTotal string
}

// Party is the debtor or the creditor.
type Party struct {
	Name      string
	Reference string // debtor: account number in the creditor's books
	Contact   string // debtor: person in charge of payments
	Email     string
	Phone     string
	IBAN      string
	BIC       string
}

// Person is the account manager who signs and answers.
type Person struct {
	Name  string
	Email string
	Phone string
}

// Invoice is one invoice as a template prints it.
type Invoice struct {
	Number      string
	IssueDate   string
	DueDate     string
	Amount      string
	Balance     string
	DaysOverdue int
}

// SampleData is a complete, plausible Data: templates are checked against
// it at save time, and the back-office previews with it when no case is
// chosen. Every field is set, so that {{if}} branches are exercised.
func SampleData() Data {
	invoices := []Invoice{
		{Number: "FA-2026-0117", IssueDate: "2 septembre 2026", DueDate: "2 octobre 2026",
			Amount: "1 440,00 €", Balance: "1 440,00 €", DaysOverdue: 52},
		{Number: "FA-2026-0142", IssueDate: "16 septembre 2026", DueDate: "16 octobre 2026",
			Amount: "2 160,00 €", Balance: "1 080,00 €", DaysOverdue: 38},
	}
	return Data{
		Debtor: Party{Name: "Menuiserie Bérénice SARL", Reference: "C-0042", Contact: "M. Hervé Lefèvre",
			Email: "compta@menuiserie-berenice.fr", Phone: "01 42 00 00 00"},
		Creditor: Party{Name: "Forges de l’Écluse SAS", Email: "recouvrement@forges-ecluse.fr",
			Phone: "01 47 00 00 00", IBAN: "FR76 3000 6000 0112 3456 7890 189", BIC: "AGRIFRPPXXX"},
		AccountManager:   Person{Name: "Claire Dubois", Email: "claire.dubois@forges-ecluse.fr", Phone: "01 47 00 00 12"},
		Invoices:         invoices,
		InvoiceNumbers:   "FA-2026-0117 et FA-2026-0142",
		Count:            len(invoices),
		Total:            "2 520,00 €",
		StatementTotal:   "2 520,00 €",
		Level:            1,
		Date:             "23 novembre 2026",
		PaymentReference: "C-0042",
		Deadline:         "1er décembre 2026",
		Principal:        "2 520,00 €",
		Penalties:        "41,27 €",
		Indemnities:      "80,00 €",
		DemandTotal:      "2 641,27 €",
	}
}
