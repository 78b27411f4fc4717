package models

func init() {
	register(Migration{2, "litigation: rates, commune courts, case costs, litigation files", createTables(
		&InterestRate{}, &CommuneCourt{}, &CaseCost{}, &LitigationFile{},
	)})
}
