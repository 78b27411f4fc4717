package bankstatement

import "encoding/xml"

// The types below mirror the parts of camt.053 (versions .001.02 to .001.08)
// that a statement needs. Tags carry local names only: encoding/xml then
// matches them in any namespace, so one set of types reads every version.

type camtDocument struct {
	XMLName xml.Name
	Message *camtMessage `xml:"BkToCstmrStmt"`
	// Presence of these tells the user which other message was sent.
	Report       *struct{} `xml:"BkToCstmrAcctRpt"`
	Notification *struct{} `xml:"BkToCstmrDbtCdtNtfctn"`
}

type camtMessage struct {
	Statements []camtStatement `xml:"Stmt"`
}

type camtStatement struct {
	Account  camtAccount   `xml:"Acct"`
	Balances []camtBalance `xml:"Bal"`
	Entries  []camtEntry   `xml:"Ntry"`
}

type camtAccount struct {
	IBAN  string `xml:"Id>IBAN"`
	Other string `xml:"Id>Othr>Id"`
}

type camtAmount struct {
	Currency string `xml:"Ccy,attr"`
	Value    string `xml:",chardata"`
}

// camtDate is a DateAndDateTimeChoice: either Dt or DtTm.
type camtDate struct {
	Date     string `xml:"Dt"`
	DateTime string `xml:"DtTm"`
}

type camtBalance struct {
	Code      string      `xml:"Tp>CdOrPrtry>Cd"`
	Amount    *camtAmount `xml:"Amt"`
	Indicator string      `xml:"CdtDbtInd"`
	Date      camtDate    `xml:"Dt"`
}

// camtStatus is text up to .001.06 (<Sts>BOOK</Sts>) and a code from .001.07
// (<Sts><Cd>BOOK</Cd></Sts>).
type camtStatus struct {
	Text string `xml:",chardata"`
	Code string `xml:"Cd"`
}

type camtEntry struct {
	EntryRef       string        `xml:"NtryRef"`
	Amount         *camtAmount   `xml:"Amt"`
	Indicator      string        `xml:"CdtDbtInd"`
	Reversal       string        `xml:"RvslInd"`
	Status         camtStatus    `xml:"Sts"`
	Booking        camtDate      `xml:"BookgDt"`
	Value          camtDate      `xml:"ValDt"`
	ServicerRef    string        `xml:"AcctSvcrRef"`
	Details        []camtDetails `xml:"NtryDtls"`
	AdditionalInfo string        `xml:"AddtlNtryInf"`
}

type camtDetails struct {
	Transactions []camtTransaction `xml:"TxDtls"`
}

type camtTransaction struct {
	EndToEndID     string         `xml:"Refs>EndToEndId"`
	ServicerRef    string         `xml:"Refs>AcctSvcrRef"`
	Amount         *camtAmount    `xml:"Amt"`
	TxAmount       *camtAmount    `xml:"AmtDtls>TxAmt>Amt"`
	Indicator      string         `xml:"CdtDbtInd"`
	Debtor         camtParty      `xml:"RltdPties>Dbtr"`
	Remittance     camtRemittance `xml:"RmtInf"`
	AdditionalInfo string         `xml:"AddtlTxInf"`
}

// camtParty holds a name directly (.001.02–.001.07) or under Pty (.001.08).
type camtParty struct {
	Name      string `xml:"Nm"`
	PartyName string `xml:"Pty>Nm"`
}

type camtRemittance struct {
	Unstructured []string         `xml:"Ustrd"`
	Structured   []camtStructured `xml:"Strd"`
}

type camtStructured struct {
	CreditorRefs []string `xml:"CdtrRefInf>Ref"`
	Documents    []string `xml:"RfrdDocInf>Nb"` // referred document (invoice) numbers
}
