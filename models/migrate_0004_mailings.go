package models

func init() {
	register(Migration{4, "dispatch: mailings (grouped emails and postal letters)", createTables(&Mailing{})})
}
