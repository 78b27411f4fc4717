package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/auditlog"
)

// audit appends what a command changed to the audit log, as done by the
// operating-system user on this machine (there is no network address). The
// change is made by then: a failure says so rather than hide it.
func audit(ctx context.Context, a *app.App, e auditlog.Entry) error {
	e.Actor, e.RemoteAddr = auditlog.CommandLineActor(), auditlog.LocalAddress
	if err := auditlog.Record(ctx, a.DB, e); err != nil {
		return fmt.Errorf("%s was done but could not be written to the audit log: %w", e.Action, err)
	}
	return nil
}

// auditedFile is a file a command imports, read through its digest so
// that the import's entry names the file by content.
type auditedFile struct {
	*auditlog.Digest // what the parser reads
	file             *os.File
}

func openAudited(path string) (auditedFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return auditedFile{}, err
	}
	return auditedFile{auditlog.NewDigest(f), f}, nil
}

func (f auditedFile) Close() error { return f.file.Close() }

// described is the file as its import's entry names it, once its parser
// has read it.
func (f auditedFile) described(counts map[string]int64) (auditlog.Import, error) {
	sum, size, err := f.Finish()
	return auditlog.Import{File: filepath.Base(f.file.Name()), SHA256: sum, Bytes: size, Counts: counts}, err
}
