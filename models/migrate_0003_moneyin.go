package models

func init() {
	register(Migration{3, "money in: imported files, payment keys, CSV column mappings", createTables(
		&ImportedFile{}, &PaymentKey{}, &CSVMapping{},
	)})
}
