package letters

import (
	"fmt"

	"github.com/recouvra/recouvra/internal/civil"
)

// Fixtures shared by the tests and the benchmark. Amounts are chosen so that
// thousands separators and accents show up in the printed text.

var letterDate = civil.New(2026, 11, 23)

func testCreditor() Party {
	return Party{
		LegalForm:         "SAS",
		Name:              "Forges de l’Écluse",
		Line1:             "12 rue de l’Église",
		PostalCode:        "92000",
		City:              "Nanterre",
		SIREN:             "552100554",
		RCSCity:           "Nanterre",
		ShareCapitalCents: 15_000_000,
		Email:             "recouvrement@forges-ecluse.fr",
		Phone:             "01 47 00 00 00",
		IBAN:              "FR7630006000011234567890189",
		BIC:               "AGRIFRPPXXX",
	}
}

func testBusinessDebtor() Party {
	return Party{
		LegalForm:      "SARL",
		Name:           "Menuiserie Bérénice",
		Representative: "M. Hervé Lefèvre, gérant",
		Line1:          "3 avenue des Champs-Élysées",
		Line2:          "Bâtiment C",
		PostalCode:     "75008",
		City:           "Paris",
	}
}

func testConsumer() Party {
	return Party{
		Name:       "Mme Agnès Dupré",
		Line1:      "8 impasse des Tilleuls",
		PostalCode: "69003",
		City:       "Lyon",
	}
}

func testBody() []string {
	return []string{
		"Madame, Monsieur,",
		"Sauf erreur de notre part, les factures ci-dessous restent impayées à ce jour alors que leur date d’échéance est dépassée. Délai de grâce : nous suspendons les relances pendant les congés de Pâques.",
		"Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.",
	}
}

// statementLetter is a statement of n invoices; the first has an amount of
// 1 234,56 €.
func statementLetter(n int) Letter {
	s := &Statement{AccountNumber: "411-0042", Currency: "EUR"}
	for i := range n {
		amount := int64(123_456 + 10_000*i)
		paid := int64(0)
		if i%3 == 1 {
			paid = 20_000
		}
		s.Lines = append(s.Lines, StatementLine{
			Number:       fmt.Sprintf("F-2026-%04d", 101+i),
			IssueDate:    civil.New(2026, 8, 1).AddDays(i),
			DueDate:      civil.New(2026, 9, 1).AddDays(i),
			AmountCents:  amount,
			PaidCents:    paid,
			BalanceCents: amount - paid,
			DaysOverdue:  83 - i,
		})
		s.TotalCents += amount - paid
	}
	return Letter{
		Kind:       KindStatement,
		Creditor:   testCreditor(),
		Debtor:     testBusinessDebtor(),
		Place:      "Nanterre",
		Date:       letterDate,
		References: []string{"Compte client 411-0042", "Dossier REC-2026-0042"},
		Subject:    "Relevé de compte — factures échues",
		Body:       testBody(),
		Statement:  s,
		Signature:  Signature{Name: "Claire Néel", Title: "Responsable du recouvrement"},
	}
}

// demandLetter is a formal demand for two invoices; business debtors are
// charged the 40 € indemnity on each.
func demandLetter(business bool) Letter {
	debtor, indemnity := testConsumer(), int64(0)
	if business {
		debtor, indemnity = testBusinessDebtor(), FixedIndemnityCents
	}
	d := &FormalDemand{
		BusinessDebtor:   business,
		DeadlineDate:     civil.New(2026, 12, 7),
		PaymentReference: "MED-2026-0042",
		Currency:         "EUR",
		Invoices: []DemandInvoice{
			{Number: "F-2026-0101", DueDate: civil.New(2026, 9, 1), PrincipalCents: 123_456,
				PenaltyCents: 3_461, PenaltyRate: "12,15 %", IndemnityCents: indemnity},
			{Number: "F-2026-0117", DueDate: civil.New(2026, 9, 30), PrincipalCents: 98_000,
				PenaltyCents: 1_789, PenaltyRate: "12,15 %", IndemnityCents: indemnity},
		},
	}
	for _, inv := range d.Invoices {
		d.TotalCents += inv.TotalCents()
	}
	return Letter{
		Kind:           KindFormalDemand,
		Creditor:       testCreditor(),
		Debtor:         debtor,
		Place:          "Nanterre",
		Date:           letterDate,
		References:     []string{"Factures F-2026-0101 et F-2026-0117", "Dossier REC-2026-0042"},
		Subject:        "Mise en demeure de payer",
		Body:           testBody()[:2],
		Demand:         d,
		Signature:      Signature{Name: "Claire Néel", Title: "Responsable du recouvrement"},
		Registered:     true,
		TrackingNumber: "1A 234 567 8901 2",
	}
}
