package lettertemplates

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gorm.io/gorm"

	"github.com/recouvra/recouvra/models"
	"github.com/recouvra/recouvra/templates"
)

// ShippedVersion is the version number of a default shipped in
// templates/letters; the first edit saved from the back-office is version 2.
const ShippedVersion = 1

// Version is one version of one template.
type Version struct {
	Key        string `json:"key"`
	Language   string `json:"language"`
	Version    int    `json:"version"`
	TemplateID *uint  `json:"template_id,omitempty"` // nil for the shipped default
	Body       string `json:"body"`
	CreatedBy  string `json:"created_by,omitempty"`
}

// ErrNoTemplate is returned for a key and language that have neither a
// shipped default nor a saved version.
var ErrNoTemplate = errors.New("no such template")

// Store reads and saves template versions.
type Store struct {
	DB *gorm.DB
}

// Shipped returns the default text of key in lang from templates/letters.
func Shipped(key, lang string) (Version, error) {
	b, err := fs.ReadFile(templates.Letters, path.Join("letters", lang, key+".tmpl"))
	if err != nil {
		return Version{}, fmt.Errorf("template %s (%s): %w", key, lang, ErrNoTemplate)
	}
	return Version{Key: key, Language: lang, Version: ShippedVersion, Body: string(b)}, nil
}

// ShippedKeys lists the keys shipped in lang, sorted.
func ShippedKeys(lang string) []string {
	entries, err := fs.ReadDir(templates.Letters, path.Join("letters", lang))
	if err != nil {
		return nil
	}
	var keys []string
	for _, e := range entries {
		if k, ok := strings.CutSuffix(e.Name(), ".tmpl"); ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// Current returns the newest saved version of key in lang, or the shipped
// default when none was saved. A language without the key falls back to
// French, so a foreign debtor still receives something correct.
func (s Store) Current(ctx context.Context, key, lang string) (Version, error) {
	var rows []models.Template
	err := s.DB.WithContext(ctx).Where("key = ? AND language = ?", key, lang).
		Order("version DESC").Limit(1).Find(&rows).Error
	if err != nil {
		return Version{}, fmt.Errorf("read template %s (%s): %w", key, lang, err)
	}
	if len(rows) == 1 {
		return fromRow(rows[0]), nil
	}
	v, err := Shipped(key, lang)
	if errors.Is(err, ErrNoTemplate) && lang != French {
		return s.Current(ctx, key, French)
	}
	return v, err
}

// Get returns one version of key in lang; version ShippedVersion is the
// shipped default unless a row was saved with that number.
func (s Store) Get(ctx context.Context, key, lang string, version int) (Version, error) {
	var rows []models.Template
	err := s.DB.WithContext(ctx).Where("key = ? AND language = ? AND version = ?", key, lang, version).
		Limit(1).Find(&rows).Error
	if err != nil {
		return Version{}, fmt.Errorf("read template %s (%s) v%d: %w", key, lang, version, err)
	}
	if len(rows) == 1 {
		return fromRow(rows[0]), nil
	}
	if version == ShippedVersion {
		return Shipped(key, lang)
	}
	return Version{}, fmt.Errorf("template %s (%s) v%d: %w", key, lang, version, ErrNoTemplate)
}

// Versions lists the versions of key in lang, newest first, the shipped
// default last.
func (s Store) Versions(ctx context.Context, key, lang string) ([]Version, error) {
	var rows []models.Template
	err := s.DB.WithContext(ctx).Where("key = ? AND language = ?", key, lang).Order("version DESC").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list versions of template %s (%s): %w", key, lang, err)
	}
	out := make([]Version, 0, len(rows)+1)
	for _, r := range rows {
		out = append(out, fromRow(r))
	}
	if v, err := Shipped(key, lang); err == nil {
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("template %s (%s): %w", key, lang, ErrNoTemplate)
	}
	return out, nil
}

// Save validates body and stores it as the next version of key in lang.
// Earlier versions are never changed: documents made from them keep
// pointing at the text they were made from.
func (s Store) Save(ctx context.Context, key, lang, body, by string) (Version, error) {
	if lang != French && lang != English {
		return Version{}, fmt.Errorf("template language %q: want %q or %q", lang, French, English)
	}
	if err := Validate(key, body); err != nil {
		return Version{}, err
	}
	var saved models.Template
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var last struct{ V *int }
		if err := tx.Model(&models.Template{}).Select("MAX(version) AS v").
			Where("key = ? AND language = ?", key, lang).Scan(&last).Error; err != nil {
			return err
		}
		next := ShippedVersion + 1
		if last.V != nil && *last.V >= next {
			next = *last.V + 1
		}
		saved = models.Template{Key: key, Language: lang, Version: next, Body: body, CreatedBy: by}
		return tx.Create(&saved).Error
	})
	if err != nil {
		return Version{}, fmt.Errorf("save template %s (%s): %w", key, lang, err)
	}
	return fromRow(saved), nil
}

func fromRow(r models.Template) Version {
	id := r.ID
	return Version{Key: r.Key, Language: r.Language, Version: r.Version, TemplateID: &id, Body: r.Body, CreatedBy: r.CreatedBy}
}

// RenderCurrent renders the current version of key in lang on d and says
// which version it used.
func (s Store) RenderCurrent(ctx context.Context, key, lang string, d Data) (string, Version, error) {
	v, err := s.Current(ctx, key, lang)
	if err != nil {
		return "", Version{}, err
	}
	out, err := Render(key, v.Body, d)
	return out, v, err
}
