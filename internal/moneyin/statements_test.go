package moneyin_test

import (
	"fmt"
	"strings"

	"github.com/recouvra/recouvra/internal/moneyin"
)

// credit is one incoming transfer of a statement written by a test.
type credit struct {
	cents      int64
	date       string
	payer      string
	remittance string
	ref        string // the bank's reference (AcctSvcrRef)
}

// camt053 writes a camt.053.001.02 statement of account that opens at
// opening cents and receives the credits; closing is opening plus the
// credits plus skew, so a non-zero skew makes a statement that does not add up.
func camt053(account string, opening, skew int64, credits ...credit) moneyin.File {
	closing := opening + skew
	var b strings.Builder
	for _, c := range credits {
		closing += c.cents
		fmt.Fprintf(&b, `<Ntry><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt><AcctSvcrRef>%s</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
<RltdPties><Dbtr><Nm>%s</Nm></Dbtr></RltdPties><RmtInf><Ustrd>%s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
`, decimal(c.cents), c.date, c.date, c.ref, c.payer, c.remittance)
	}
	day := "2026-11-20"
	if len(credits) > 0 {
		day = credits[0].date
	}
	doc := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>TEST</MsgId><CreDtTm>%[1]sT18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>STMT-%[1]s</Id><CreDtTm>%[1]sT18:00:00</CreDtTm><Acct><Id><IBAN>%[2]s</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%[3]s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%[1]s</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%[4]s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%[1]s</Dt></Dt></Bal>
%[5]s</Stmt></BkToCstmrStmt></Document>
`, day, account, decimal(opening), decimal(closing), b.String())
	return moneyin.File{Name: "releve-" + day + ".xml", Content: []byte(doc), By: "test"}
}

func decimal(cents int64) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }

// fec writes a FEC (Debit/Credit variant, tab-separated) whose lines are
// customer-account entries: account, name, piece, date, debit, credit.
func fec(lines ...[6]string) moneyin.File {
	var b strings.Builder
	b.WriteString("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n")
	for i, l := range lines {
		journal, lib := "VE", "Ventes"
		if l[5] != "" {
			journal, lib = "BQ", "Banque"
		}
		for j := 4; j <= 5; j++ {
			if l[j] == "" {
				l[j] = "0,00"
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s\t411000\tClients\t%s\t%s\t%s\t%s\tFacture %s\t%s\t%s\t\t\t%s\t\t\n",
			journal, lib, i+1, l[3], l[0], l[1], l[2], l[3], l[2], l[4], l[5], l[3])
	}
	return moneyin.File{Name: "412345670FEC20261231.txt", Content: []byte(b.String()), By: "test"}
}
