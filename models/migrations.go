package models

import (
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"
)

// Migration is one numbered change of the schema. Migrations run in order,
// each in its own transaction, and each version is recorded in
// schema_migrations so it runs once per database.
//
// Rules for adding one: never edit a migration that has shipped; add the next
// number. Write steps with the GORM Migrator (CreateTable, AddColumn,
// CreateIndex) guarded by HasTable/HasColumn, so that the same code runs on
// PostgreSQL and SQLite.
type Migration struct {
	Version int
	Name    string
	Up      func(tx *gorm.DB) error
}

// SchemaMigration records an applied migration.
type SchemaMigration struct {
	Version   int       `gorm:"primaryKey;autoIncrement:false"`
	Name      string    `gorm:"size:200;not null"`
	AppliedAt time.Time `gorm:"not null"`
}

// Migrations is the schema's history, oldest first. Each migration lives in
// its own file (migrate_NNNN_*.go) and adds itself with register, so that
// features developed side by side never edit the same list.
var Migrations []Migration

func register(m Migration) {
	for _, o := range Migrations {
		if o.Version == m.Version {
			panic(fmt.Sprintf("models: migrations %q and %q share version %d", o.Name, m.Name, m.Version))
		}
	}
	Migrations = append(Migrations, m)
	sort.Slice(Migrations, func(i, j int) bool { return Migrations[i].Version < Migrations[j].Version })
}

// createTables returns a migration step creating the tables of the given
// records that do not exist yet.
func createTables(tables ...any) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		for _, t := range tables {
			if tx.Migrator().HasTable(t) {
				continue
			}
			if err := tx.Migrator().CreateTable(t); err != nil {
				return fmt.Errorf("create table for %T: %w", t, err)
			}
		}
		return nil
	}
}

// Migrate applies every migration the database lacks and returns how many ran.
func Migrate(db *gorm.DB) (int, error) {
	if err := db.AutoMigrate(&SchemaMigration{}); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []SchemaMigration
	if err := db.Find(&applied).Error; err != nil {
		return 0, fmt.Errorf("read schema_migrations: %w", err)
	}
	done := make(map[int]bool, len(applied))
	for _, a := range applied {
		done[a.Version] = true
	}
	ran := 0
	for _, m := range Migrations {
		if done[m.Version] {
			continue
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := m.Up(tx); err != nil {
				return err
			}
			return tx.Create(&SchemaMigration{Version: m.Version, Name: m.Name, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return ran, fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
		ran++
	}
	return ran, nil
}
