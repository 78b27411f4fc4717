// Package searchattr names the custom search attributes of Recouvra's
// workflows. They let operators find cases in the Temporal UI; the SQL mirror
// stays the source of lists and dashboards (SQL visibility is eventually
// consistent and allows few attributes).
package searchattr

import "go.temporal.io/sdk/temporal"

var (
	Phase   = temporal.NewSearchAttributeKeyKeyword("RecouvraPhase")
	Level   = temporal.NewSearchAttributeKeyInt64("RecouvraLevel")
	Balance = temporal.NewSearchAttributeKeyInt64("RecouvraBalanceCents")
	// IDs are keywords: SQL visibility allows only three Int attributes.
	Creditor = temporal.NewSearchAttributeKeyKeyword("RecouvraCreditor")
	Debtor   = temporal.NewSearchAttributeKeyKeyword("RecouvraDebtor")
	Partner  = temporal.NewSearchAttributeKeyKeyword("RecouvraPartner")
)

// Types lists the attributes to register on a namespace, name → type, as the
// dev server's --search-attribute flags and `temporal operator
// search-attribute create` want them.
var Types = map[string]string{
	"RecouvraPhase": "Keyword", "RecouvraLevel": "Int", "RecouvraBalanceCents": "Int",
	"RecouvraCreditor": "Keyword", "RecouvraDebtor": "Keyword", "RecouvraPartner": "Keyword",
}
