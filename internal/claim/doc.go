// Package claim computes what a creditor may claim from a late payer under
// French law: the principal still due, late-payment penalties (Code de
// commerce L441-10) or legal interest (Code civil 1231-6), the 40 € recovery
// indemnity (D441-5) and justified costs. It is pure: no clock, no database.
// The rates are data, held in a RateTable, because they change every six
// months and a claim must be recomputable as it stood on the day it was filed.
//
// # Day count
//
// A period from date A to date B counts B − A calendar days: interest accrues
// for every day D with A < D ≤ B. Penalties on an invoice due on 31 January and
// paid on 1 February therefore run for one day. Lines show the first and last
// accrued days (From = A + 1, To = B), so Days = To − From + 1.
//
// Each accrued day D bears the rate of the half-year containing D, and the
// base still unpaid at the end of the day before: a payment made on day P
// lowers the base from day P + 1, since on day P itself the debt was still
// late. Interest is simple: base × rate × days / 365, leap years included.
//
// # Rounding
//
// Each line is rounded to the cent, half away from zero, with exact integer
// arithmetic; the total is the sum of the rounded lines, so the figures
// printed in a claim always add up.
//
// # Payments
//
// Payments are imputed on the principal of the invoice they name. Article
// 1343-1 of the Code civil would impute a partial payment first on accrued
// interest; imputing on the principal claims slightly less, which is the
// cautious choice for a claim a judge reviews on the papers alone.
//
// A fully paid invoice leaves no principal line, but the penalties accrued
// until its payment and the 40 € indemnity remain due: L441-10 and D441-5
// attach them to the lateness, not to the debt still outstanding.
package claim
