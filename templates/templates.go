// Package templates embeds the texts Recouvra ships: the back-office pages
// and the default letter and email templates that users may then edit.
package templates

import "embed"

// Backoffice holds the server-rendered pages of the back-office.
//
//go:embed backoffice/*.html
var Backoffice embed.FS
