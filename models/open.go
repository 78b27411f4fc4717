package models

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Open connects to the database named by url: "postgres://…" (or a libpq
// key=value string) for PostgreSQL, "sqlite:PATH" or a bare file path for the
// embedded SQLite database used by `make run`.
func Open(url string) (*gorm.DB, error) {
	cfg := &gorm.Config{Logger: logger.Discard, NowFunc: func() time.Time { return time.Now().UTC() }}
	if IsPostgres(url) {
		db, err := gorm.Open(postgres.Open(url), cfg)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL %s: %w", redact(url), err)
		}
		return db, nil
	}
	path := strings.TrimPrefix(url, "sqlite:")
	if path == "" {
		return nil, fmt.Errorf("empty database URL")
	}
	if path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create directory for SQLite database %s: %w", path, err)
		}
	}
	// WAL lets the API read while the worker writes; busy_timeout makes
	// concurrent writers wait instead of failing with SQLITE_BUSY;
	// recursive_triggers makes the rows an INSERT OR REPLACE removes fire
	// their delete triggers, which the dashboard's running totals rely on.
	dsn := path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=recursive_triggers(1)"
	db, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// SQLite allows one writer; one connection avoids "database is locked"
	// between our own goroutines.
	sqlDB.SetMaxOpenConns(1)
	slog.Debug("opened SQLite database", "path", path)
	return db, nil
}

// IsPostgres tells whether url names a PostgreSQL database.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") ||
		strings.Contains(url, "host=") || strings.Contains(url, "dbname=")
}

// redact hides a password in a database URL for error messages.
func redact(url string) string {
	if at := strings.Index(url, "@"); at > 0 {
		if scheme := strings.Index(url, "://"); scheme > 0 && scheme < at {
			if colon := strings.Index(url[scheme+3:at], ":"); colon >= 0 {
				return url[:scheme+3+colon] + ":***" + url[at:]
			}
		}
	}
	return url
}
