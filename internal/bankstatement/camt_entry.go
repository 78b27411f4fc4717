package bankstatement

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/internal/civil"
)

func parseCamtBalance(path string, b camtBalance) (ccy string, cents int64, date civil.Date, err error) {
	if ccy, cents, err = camtAmountValue(path+"/Amt", b.Amount); err != nil {
		return
	}
	sign, err := camtSign(path+"/CdtDbtInd", b.Indicator)
	if err != nil {
		return
	}
	cents *= sign
	date, ok, err := camtDay(path+"/Dt", b.Date)
	if err == nil && !ok {
		err = fmt.Errorf("%s/Dt: missing balance date", path)
	}
	return ccy, cents, date, err
}

// camtTx is a TxDtls with its path relative to the Ntry.
type camtTx struct {
	path string
	camtTransaction
}

// parseCamtEntry turns one Ntry into one Entry, or into one per TxDtls when
// the TxDtls amounts account for the whole entry.
func parseCamtEntry(path string, n camtEntry) ([]Entry, error) {
	ccy, cents, err := camtAmountValue(path+"/Amt", n.Amount)
	if err != nil {
		return nil, err
	}
	sign, err := camtSign(path+"/CdtDbtInd", n.Indicator)
	if err != nil {
		return nil, err
	}
	booked, hasBooked, err := camtDay(path+"/BookgDt", n.Booking)
	if err != nil {
		return nil, err
	}
	value, hasValue, err := camtDay(path+"/ValDt", n.Value)
	if err != nil {
		return nil, err
	}
	if !hasBooked {
		if !hasValue {
			return nil, fmt.Errorf("%s: neither BookgDt nor ValDt", path)
		}
		booked = value
	}
	rev := strings.TrimSpace(n.Reversal)
	base := Entry{
		Path:        path,
		BookingDate: booked,
		ValueDate:   value,
		AmountCents: sign * cents,
		Currency:    ccy,
		Reversal:    rev == "true" || rev == "1",
	}
	var txs []camtTx
	for i, d := range n.Details {
		for j, t := range d.Transactions {
			txs = append(txs, camtTx{fmt.Sprintf("NtryDtls[%d]/TxDtls[%d]", i+1, j+1), t})
		}
	}
	split, err := splitAmounts(path, ccy, base.AmountCents, sign, txs)
	if err != nil {
		return nil, err
	}
	if split == nil {
		fillFromDetails(&base, n, txs...)
		return []Entry{base}, nil
	}
	out := make([]Entry, len(txs))
	for k, tx := range txs {
		e := base
		e.Path = path + "/" + tx.path
		e.AmountCents = split[k]
		fillFromDetails(&e, n, tx)
		out[k] = e
	}
	return out, nil
}

// splitAmounts returns the signed amount of each TxDtls when there are
// several and they add up to the entry's amount, nil otherwise.
func splitAmounts(path, ccy string, total, entrySign int64, txs []camtTx) ([]int64, error) {
	if len(txs) < 2 {
		return nil, nil
	}
	amounts := make([]int64, len(txs))
	var sum int64
	for k, tx := range txs {
		amt, where := tx.Amount, path+"/"+tx.path+"/Amt"
		if amt == nil || strings.TrimSpace(amt.Currency) != ccy {
			amt, where = tx.TxAmount, path+"/"+tx.path+"/AmtDtls/TxAmt/Amt"
		}
		if amt == nil || strings.TrimSpace(amt.Currency) != ccy {
			return nil, nil
		}
		_, cents, err := camtAmountValue(where, amt)
		if err != nil {
			return nil, err
		}
		sign := entrySign
		if strings.TrimSpace(tx.Indicator) != "" {
			if sign, err = camtSign(path+"/"+tx.path+"/CdtDbtInd", tx.Indicator); err != nil {
				return nil, err
			}
		}
		amounts[k] = sign * cents
		var ok bool
		if sum, ok = addCents(sum, amounts[k]); !ok {
			return nil, nil
		}
	}
	if sum != total {
		return nil, nil
	}
	return amounts, nil
}

// fillFromDetails sets the payer, references and remittance of e from the
// given TxDtls and from the entry itself. Remittance gathers, each once,
// the unstructured texts, the structured creditor references and referred
// document numbers, then the bank's additional information.
func fillFromDetails(e *Entry, n camtEntry, txs ...camtTx) {
	var names, ids, refs, parts []string
	for _, tx := range txs {
		names = append(names, cleanText(tx.Debtor.Name), cleanText(tx.Debtor.PartyName))
		if id := strings.TrimSpace(tx.EndToEndID); id != "NOTPROVIDED" {
			ids = append(ids, id)
		}
		refs = append(refs, tx.ServicerRef)
		for _, u := range tx.Remittance.Unstructured {
			parts = appendText(parts, u)
		}
		for _, s := range tx.Remittance.Structured {
			for _, r := range s.CreditorRefs {
				parts = appendText(parts, r)
			}
			for _, d := range s.Documents {
				parts = appendText(parts, d)
			}
		}
	}
	for _, tx := range txs {
		parts = appendText(parts, tx.AdditionalInfo)
	}
	parts = appendText(parts, n.AdditionalInfo)
	e.PayerName = joinDistinct(", ", names...)
	e.EndToEndID = joinDistinct(" ", ids...)
	e.Remittance = strings.Join(parts, " ")
	e.BankReference = cleanText(n.ServicerRef)
	if e.BankReference == "" {
		e.BankReference = joinDistinct(" ", refs...)
	}
	if e.BankReference == "" {
		e.BankReference = cleanText(n.EntryRef)
	}
}
