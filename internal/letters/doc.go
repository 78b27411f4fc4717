// Package letters prints French debt-recovery letters as A4 PDFs: reminders,
// account statements and the mise en demeure, independently of the database.
// The caller fills a Letter (body paragraphs already rendered from templates,
// penalties already computed) and calls Render; MergeForPrint assembles a
// batch for the printer.
//
// Layout. The creditor's letterhead sits top left; the debtor's address is
// placed for the window of a DL envelope (105 mm from the left edge, 48 mm
// from the top, one maroto row per line, since a newline inside a maroto text
// is not a line break); then place and date, references, the registered-mail
// mention, "Objet :", the body, the statement or formal-demand tables, and
// the signature. Every page carries the creditor's legal mentions and
// "Page n/N" at the bottom.
//
// Rules enforced (Validate): a formal demand to a consumer cannot claim the
// 40 € indemnity (ErrConsumerIndemnity); the indemnity is exactly 40 € per
// invoice; totals must add up to the cent; a formal demand needs a deadline
// after the letter date and the creditor's IBAN.
//
// Fonts and speed. Text is set in the core font Helvetica through code page
// 1252, with an encoding table built once per process; letters with a
// character outside that code page fall back to DejaVu Sans embedded from
// fonts/. See typeface for why, and for the maroto behaviour this avoids.
// A two-page letter takes about 2.5 ms of CPU instead of 73 ms (half of it
// zlib compression of the page streams, kept for 10 times smaller files).
package letters
