package litigation

import (
	"time"

	"github.com/recouvra/recouvra/internal/calendar"
	"github.com/recouvra/recouvra/internal/civil"
)

// The deadlines of the injonction de payer are pure functions of a date, so
// that they are tested apart from the workflow that waits for them.

// addMonths moves d by n months as article 641 of the code de procédure
// civile counts them: to the same day number, or to the last day of the
// month when that month is shorter (31 August + 1 month = 30 September).
func addMonths(d civil.Date, n int) civil.Date {
	first := civil.New(d.Year(), d.Month()+time.Month(n), 1)
	last := first.AddMonths(1).AddDays(-1).Day()
	return civil.New(first.Year(), first.Month(), min(d.Day(), last))
}

// deadline is the last day of a period of months from d: a period ending on
// a Saturday, a Sunday or a public holiday runs to the next working day
// (article 642 of the code de procédure civile).
func deadline(d civil.Date, months int) civil.Date {
	return calendar.NextBusinessDay(addMonths(d, months), "")
}

// LapseDate is the last day to serve an ordonnance: unserved within six
// months of its date, it is void (article 1411 CPC).
func LapseDate(ordonnance civil.Date) civil.Date { return deadline(ordonnance, 6) }

// LapseWarningDate is when legal staff are warned that an ordonnance is
// still unserved: one month before it lapses leaves time to instruct a
// commissaire de justice.
func LapseWarningDate(ordonnance civil.Date) civil.Date { return addMonths(ordonnance, 5) }

// OppositionDeadline is the last day the debtor may oppose: one month from
// the service of the ordonnance (article 1416 CPC).
func OppositionDeadline(signified civil.Date) civil.Date { return deadline(signified, 1) }

// EnforceableDate is the first day the ordonnance, served and unopposed,
// has the effects of a judgment (article 1422 CPC).
func EnforceableDate(signified civil.Date) civil.Date {
	return OppositionDeadline(signified).AddDays(1)
}

// PrescriptionDate is the last day to bring the claim before a court: five
// years from the due date for a debt between a business and a business or a
// non-trader (Code de commerce L110-4, Code civil 2224), two years for a
// consumer (Code de la consommation L218-2). Filing the requête interrupts it
// (Code civil 2241).
func PrescriptionDate(due civil.Date, consumer bool) civil.Date {
	if consumer {
		return addMonths(due, 24)
	}
	return addMonths(due, 60)
}

// PrescriptionWarningDays is how long before prescription legal staff are
// warned that the requête is still not filed.
const PrescriptionWarningDays = 90

// PrescriptionWarningDate is when that warning is due.
func PrescriptionWarningDate(due civil.Date, consumer bool) civil.Date {
	return PrescriptionDate(due, consumer).AddDays(-PrescriptionWarningDays)
}
