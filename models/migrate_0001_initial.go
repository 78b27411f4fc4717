package models

func init() {
	register(Migration{1, "initial schema", createTables(
		&Creditor{}, &Debtor{}, &Partner{},
		&Invoice{}, &CreditNote{}, &Payment{}, &Allocation{},
		&Case{}, &CaseEvent{}, &Document{}, &Outbox{},
		&User{}, &APIToken{}, &Session{}, &AuditLog{}, &Template{}, &Scenario{},
	)})
}
