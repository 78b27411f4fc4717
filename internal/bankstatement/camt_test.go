package bankstatement

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

const testAcct = `<Acct><Id><IBAN>fr76 3000 3012 3401 2345 6789 018</IBAN></Id></Acct>`

// camtDoc wraps statement bodies into a camt.053.001.08 document.
func camtDoc(stmts ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>`)
	for _, s := range stmts {
		b.WriteString("<Stmt>" + s + "</Stmt>")
	}
	b.WriteString(`</BkToCstmrStmt></Document>`)
	return b.String()
}

func camtBal(code, amount, indicator, date string) string {
	return `<Bal><Tp><CdOrPrtry><Cd>` + code + `</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">` + amount +
		`</Amt><CdtDbtInd>` + indicator + `</CdtDbtInd><Dt><Dt>` + date + `</Dt></Dt></Bal>`
}

// camtStmt is a statement from 100.00 to closing with the given entries.
func camtStmt(closing string, entries ...string) string {
	return testAcct + camtBal("OPBD", "100.00", "CRDT", "2024-01-12") + camtBal("CLBD", closing, "CRDT", "2024-01-13") +
		strings.Join(entries, "")
}

func camtNtry(amount, indicator, rest string) string {
	return `<Ntry><Amt Ccy="EUR">` + amount + `</Amt><CdtDbtInd>` + indicator + `</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
		`<BookgDt><Dt>2024-01-13</Dt></BookgDt><ValDt><Dt>2024-01-14</Dt></ValDt>` + rest + `</Ntry>`
}

func camtTxDtls(e2e, amount, indicator, debtor, ustrd string) string {
	s := `<TxDtls><Refs><EndToEndId>` + e2e + `</EndToEndId></Refs>`
	if amount != "" {
		s += `<Amt Ccy="EUR">` + amount + `</Amt>`
	}
	if indicator != "" {
		s += `<CdtDbtInd>` + indicator + `</CdtDbtInd>`
	}
	return s + `<RltdPties><Dbtr><Nm>` + debtor + `</Nm></Dbtr></RltdPties><RmtInf><Ustrd>` + ustrd + `</Ustrd></RmtInf></TxDtls>`
}

func TestParseCAMT053Errors(t *testing.T) {
	const ntry = "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]"
	okBal := camtBal("OPBD", "100.00", "CRDT", "2024-01-12") + camtBal("CLBD", "150.00", "CRDT", "2024-01-13")
	clbd := camtBal("CLBD", "150.00", "CRDT", "2024-01-13")
	tests := []struct {
		name, input, wantErr string
	}{
		{"empty", "", "camt.053: no XML element in the document"},
		{"unclosed elements", `<Document><BkToCstmrStmt><Stmt>`, "camt.053: malformed XML: XML syntax error on line 1: unexpected EOF"},
		{"mismatched tag", "<Document>\n<BkToCstmrStmt></Stmt></Document>", "malformed XML: XML syntax error on line 2: element <BkToCstmrStmt> closed by </Stmt>"},
		{"not XML", "0130003    01234EUR2", "no XML element"},
		{"unsupported encoding", `<?xml version="1.0" encoding="EBCDIC-XYZ"?><Document/>`, `unsupported XML encoding "EBCDIC-XYZ"`},
		{"wrong root", `<Invoice><ID>1</ID></Invoice>`, "root element is <Invoice>, want <Document>"},
		{"camt.052", `<Document><BkToCstmrAcctRpt><Rpt/></BkToCstmrAcctRpt></Document>`, "camt.052 account report"},
		{"camt.054", `<Document><BkToCstmrDbtCdtNtfctn/></Document>`, "camt.054 notification"},
		{"other message", `<Document><CstmrCdtTrfInitn/></Document>`, "Document: no BkToCstmrStmt element"},
		{"no statement", `<Document><BkToCstmrStmt><GrpHdr/></BkToCstmrStmt></Document>`, "Document/BkToCstmrStmt: no Stmt element"},
		{"no account", camtDoc(okBal), "Document/BkToCstmrStmt/Stmt[1]/Acct/Id: neither IBAN nor Othr/Id"},
		{"no opening", camtDoc(testAcct + camtBal("CLBD", "1.00", "CRDT", "2024-01-13")), "Stmt[1]: no opening balance (Bal with Tp/CdOrPrtry/Cd OPBD or PRCD)"},
		{"no closing", camtDoc(testAcct + camtBal("OPBD", "1.00", "CRDT", "2024-01-13") + camtBal("CLAV", "1.00", "CRDT", "2024-01-13")),
			"Stmt[1]: no closing balance"},
		{"balance amount with comma", camtDoc(testAcct + camtBal("OPBD", "1,234.00", "CRDT", "2024-01-12") + clbd),
			`Stmt[1]/Bal[1]/Amt: amount "1,234.00" is not a decimal number like 1234.56`},
		{"balance without date", camtDoc(testAcct + camtBal("OPBD", "1.00", "CRDT", "") + clbd), "Stmt[1]/Bal[1]/Dt: missing balance date"},
		{"balance indicator", camtDoc(testAcct + camtBal("OPBD", "1.00", "", "2024-01-12") + clbd), `Stmt[1]/Bal[1]/CdtDbtInd: "" is neither CRDT nor DBIT`},
		{"entry indicator", camtDoc(camtStmt("150.00", camtNtry("50.00", "CREDIT", ""))), ntry + `/CdtDbtInd: "CREDIT" is neither CRDT nor DBIT`},
		{"negative amount", camtDoc(camtStmt("150.00", camtNtry("-50.00", "CRDT", ""))), ntry + `/Amt: amount "-50.00" is not a decimal number`},
		{"three decimals", camtDoc(camtStmt("150.00", camtNtry("50.001", "CRDT", ""))), ntry + `/Amt: amount "50.001" has more than two decimals`},
		{"empty amount", camtDoc(camtStmt("150.00", camtNtry("", "CRDT", ""))), ntry + `/Amt: amount "" is not a decimal number`},
		{"two dots", camtDoc(camtStmt("150.00", camtNtry("5.0.0", "CRDT", ""))), ntry + `/Amt: amount "5.0.0" is not a decimal number`},
		{"no currency", camtDoc(camtStmt("150.00", strings.Replace(camtNtry("50.00", "CRDT", ""), ` Ccy="EUR"`, "", 1))),
			ntry + `/Amt: currency "" (attribute Ccy) is not an ISO 4217 code`},
		{"no amount", camtDoc(camtStmt("150.00", `<Ntry><CdtDbtInd>CRDT</CdtDbtInd></Ntry>`)), ntry + "/Amt: missing amount"},
		{"bad booking date", camtDoc(camtStmt("150.00", strings.Replace(camtNtry("50.00", "CRDT", ""), "2024-01-13", "2024-13-01", 1))),
			ntry + `/BookgDt/Dt: date "2024-13-01" is not of the form YYYY-MM-DD`},
		{"bad date-time", camtDoc(camtStmt("150.00", `<Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><DtTm>hier</DtTm></BookgDt></Ntry>`)),
			ntry + `/BookgDt/DtTm: date-time "hier" is not of the form`},
		{"no date at all", camtDoc(camtStmt("150.00", `<Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>`)),
			ntry + ": neither BookgDt nor ValDt"},
		{"bad amount in a batch", camtDoc(camtStmt("150.00", camtNtry("50.00", "CRDT", "<NtryDtls>"+
			camtTxDtls("A", "20.00", "", "X", "")+camtTxDtls("B", "3O.00", "", "Y", "")+"</NtryDtls>"))),
			ntry + `/NtryDtls[1]/TxDtls[2]/Amt: amount "3O.00" is not a decimal number`},
		{"second statement located", camtDoc(camtStmt("150.00"), testAcct+camtBal("OPBD", "x", "CRDT", "2024-01-12")+clbd),
			`Document/BkToCstmrStmt/Stmt[2]/Bal[1]/Amt: amount "x"`},
	}
	for _, tt := range tests {
		_, err := ParseCAMT053(strings.NewReader(tt.input))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error = %v, want it to contain %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestParseCAMT053Entries(t *testing.T) {
	const ntry = "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]"
	tests := []struct {
		name  string
		input string
		want  []Entry // compared on the fields set in the table
	}{
		{"amount without decimals and trailing zeros",
			camtDoc(camtStmt("150.00", camtNtry("27", "DBIT", ""), camtNtry("77.000", "CRDT", ""))),
			[]Entry{{AmountCents: -2700}, {AmountCents: 7700}}},
		{"pending and information entries are not booked",
			camtDoc(camtStmt("150.00", strings.Replace(camtNtry("9.99", "CRDT", ""), "<Cd>BOOK</Cd>", "<Cd>PDNG</Cd>", 1),
				`<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>INFO</Sts></Ntry>`,
				camtNtry("50.00", "CRDT", ""))),
			[]Entry{{Path: "Document/BkToCstmrStmt/Stmt[1]/Ntry[3]", AmountCents: 5000}}},
		{"value date stands in for a missing booking date",
			camtDoc(camtStmt("150.00", `<Ntry><Amt Ccy="EUR">50</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2024-01-14</Dt></ValDt></Ntry>`)),
			[]Entry{{BookingDate: day("2024-01-14"), ValueDate: day("2024-01-14"), AmountCents: 5000}}},
		{"date-time keeps the day written",
			camtDoc(camtStmt("150.00", `<Ntry><Amt Ccy="EUR">50</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><DtTm>2024-01-13T23:30:00-05:00</DtTm></BookgDt></Ntry>`)),
			[]Entry{{BookingDate: day("2024-01-13"), AmountCents: 5000}}},
		{"batch split with the TxDtls signs",
			camtDoc(camtStmt("130.00", camtNtry("30.00", "CRDT", "<AcctSvcrRef>BANKREF1</AcctSvcrRef><NtryDtls>"+
				camtTxDtls("E2E-1", "50.00", "CRDT", "Société Générale", "Facture F-2024-017")+
				camtTxDtls("NOTPROVIDED", "20.00", "DBIT", "Frais", "Commission")+"</NtryDtls>"))),
			[]Entry{
				{Path: ntry + "/NtryDtls[1]/TxDtls[1]", AmountCents: 5000, PayerName: "Société Générale",
					EndToEndID: "E2E-1", Remittance: "Facture F-2024-017", BankReference: "BANKREF1"},
				{Path: ntry + "/NtryDtls[1]/TxDtls[2]", AmountCents: -2000, PayerName: "Frais",
					Remittance: "Commission", BankReference: "BANKREF1"},
			}},
		{"batch whose details do not add up stays whole",
			camtDoc(camtStmt("200.00", camtNtry("100.00", "CRDT", "<NtryRef>NREF</NtryRef><NtryDtls>"+
				camtTxDtls("E2E-1", "60.00", "", "Dupont", "F1")+camtTxDtls("E2E-2", "30.00", "", "Durand", "F2")+
				"</NtryDtls><AddtlNtryInf>VIREMENTS GROUPÉS</AddtlNtryInf>"))),
			[]Entry{{Path: ntry, AmountCents: 10000, PayerName: "Dupont, Durand", EndToEndID: "E2E-1 E2E-2",
				Remittance: "F1 F2 VIREMENTS GROUPÉS", BankReference: "NREF"}}},
		{"batch without TxDtls amounts stays whole",
			camtDoc(camtStmt("200.00", camtNtry("100.00", "CRDT", "<NtryDtls>"+
				camtTxDtls("E2E-1", "", "", "Dupont", "F1")+camtTxDtls("E2E-2", "", "", "Dupont", "F2")+"</NtryDtls>"))),
			[]Entry{{Path: ntry, AmountCents: 10000, PayerName: "Dupont", EndToEndID: "E2E-1 E2E-2", Remittance: "F1 F2"}}},
		{"structured remittance, referred documents, reversal, TxDtls reference",
			camtDoc(camtStmt("50.00", camtNtry("50.00", "DBIT", `<RvslInd>true</RvslInd><NtryDtls><TxDtls>`+
				`<Refs><AcctSvcrRef>TXREF</AcctSvcrRef><EndToEndId> E2E 9 </EndToEndId></Refs>`+
				`<RltdPties><Dbtr><Pty><Nm>  Les   Jardins  de  l'Étang </Nm></Pty></Dbtr></RltdPties>`+
				`<RmtInf><Ustrd>Paiement
				factures</Ustrd><Strd><RfrdDocInf><Nb>FA-2017-0010</Nb></RfrdDocInf><RfrdDocInf><Nb>AV-2017-0005</Nb></RfrdDocInf>`+
				`<CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>`))),
			[]Entry{{AmountCents: -5000, Reversal: true, PayerName: "Les Jardins de l'Étang", EndToEndID: "E2E 9",
				BankReference: "TXREF", Remittance: "Paiement factures RF18539007547034 FA-2017-0010 AV-2017-0005"}}},
	}
	for _, tt := range tests {
		ss, err := ParseCAMT053(strings.NewReader(tt.input))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if ss[0].AccountID != "FR7630003012340123456789018" {
			t.Errorf("%s: account %q, want the IBAN without spaces in capitals", tt.name, ss[0].AccountID)
		}
		got := ss[0].Entries
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d entries, want %d: %+v", tt.name, len(got), len(tt.want), got)
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.AmountCents != w.AmountCents || g.Currency != "EUR" || g.Reversal != w.Reversal ||
				(w.Path != "" && g.Path != w.Path) ||
				(!w.BookingDate.IsZero() && !g.BookingDate.Equal(w.BookingDate)) ||
				(!w.ValueDate.IsZero() && !g.ValueDate.Equal(w.ValueDate)) ||
				g.PayerName != w.PayerName || g.EndToEndID != w.EndToEndID ||
				g.Remittance != w.Remittance || g.BankReference != w.BankReference {
				t.Errorf("%s: entry %d\n got %+v\nwant %+v", tt.name, i, g, w)
			}
		}
	}
}

func TestParseCAMT053Variants(t *testing.T) {
	body := `<Stmt>` + testAcct + camtBal("PRCD", "90.00", "CRDT", "2024-01-11") + camtBal("OPBD", "100.00", "DBIT", "2024-01-12") +
		camtBal("CLBD", "50.00", "CRDT", "2024-01-13") + camtNtry("150.00", "CRDT", "<NtryDtls>"+
		camtTxDtls("E", "", "", "Crème Brûlée SARL", "Règlement facture n° 12")+"</NtryDtls>") + `</Stmt>`
	utf8Doc := `<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" +
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>` + body + `</BkToCstmrStmt></Document>`
	latin1Doc, err := charmap.ISO8859_1.NewEncoder().String(utf8Doc)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{
		"declared ISO-8859-1": latin1Doc,
		"no namespace, BOM":   "\ufeff<Document><BkToCstmrStmt>" + body + "</BkToCstmrStmt></Document>",
		"prefixed namespace": `<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><c:BkToCstmrStmt>` +
			strings.NewReplacer("</", "</c:", "<", "<c:").Replace(body) + `</c:BkToCstmrStmt></c:Document>`,
	}
	for name, doc := range docs {
		ss, err := ParseCAMT053(strings.NewReader(doc))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		s := ss[0]
		// OPBD wins over PRCD even when PRCD comes first; DBIT balance is negative.
		if s.OpeningCents != -10000 || !s.OpeningDate.Equal(day("2024-01-12")) || s.ClosingCents != 5000 {
			t.Errorf("%s: balances %d (%s) → %d", name, s.OpeningCents, s.OpeningDate, s.ClosingCents)
		}
		e := s.Entries[0]
		if e.PayerName != "Crème Brûlée SARL" || e.Remittance != "Règlement facture n° 12" {
			t.Errorf("%s: payer %q remittance %q", name, e.PayerName, e.Remittance)
		}
		if err := s.Check(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// PRCD alone serves as opening balance.
	prcd := camtDoc(testAcct + camtBal("PRCD", "90.00", "CRDT", "2024-01-11") + camtBal("CLBD", "90.00", "CRDT", "2024-01-13"))
	ss, err := ParseCAMT053(strings.NewReader(prcd))
	if err != nil || ss[0].OpeningCents != 9000 || !ss[0].OpeningDate.Equal(day("2024-01-11")) {
		t.Errorf("PRCD opening: %+v, %v", ss, err)
	}
}
