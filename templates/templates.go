// Package templates embeds the texts Recouvra ships: the back-office pages
// and the default letter and email templates that users may then edit.
package templates

import "embed"

// Backoffice holds the server-rendered pages of the back-office.
//
//go:embed backoffice/*.html
var Backoffice embed.FS

// Letters holds the default texts of letters, emails and call scripts, one
// file per step, channel and part, under letters/<language>/. A credit
// manager's edit is stored as a new version in the database; these files
// remain the first version.
//
//go:embed letters
var Letters embed.FS
