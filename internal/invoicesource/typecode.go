package invoicesource

import "fmt"

// creditNoteCodes are the UNTDID 1001 document types that reduce what the
// buyer owes: 381 credit note, 261 self-billed credit note, 262 consolidated
// credit note, 396 factored credit note, and the rarer credit-type codes.
var creditNoteCodes = map[string]bool{
	"81": true, "83": true, "261": true, "262": true, "296": true, "308": true,
	"381": true, "396": true, "420": true, "458": true, "532": true,
}

// documentType maps a UNTDID 1001 type code to TypeInvoice or TypeCreditNote.
// Every numeric code that is not a credit note counts as an invoice (380
// commercial invoice, 384 corrected, 386 prepayment, 389 self-billed…): all of
// them make the buyer owe money. An empty code gives fallback.
func documentType(code, fallback string) (string, error) {
	if code == "" {
		return fallback, nil
	}
	if len(code) > 3 || !allDigits(code) {
		return "", fmt.Errorf("type code %q is not a UNTDID 1001 document type", code)
	}
	if creditNoteCodes[code] {
		return TypeCreditNote, nil
	}
	return TypeInvoice, nil
}
