package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/moneyin"
)

// moneyInKinds are the `recouvra import KIND FILE` commands of the money-in
// pipeline: accounting exports, e-invoices, invoice CSVs, bank statements.
var moneyInKinds = map[string]bool{
	moneyin.KindFEC: true, moneyin.KindFacturX: true, moneyin.KindUBL: true,
	moneyin.KindCSV: true, moneyin.KindBank: true,
}

const moneyInUsage = `usage: recouvra import fec|facturx|ubl|bank FILE [--tolerance-cents N]
       recouvra import csv FILE --source NAME [--map "number=N° pièce,total=TTC,…"]`

// importMoneyIn imports one file in one transaction and prints its summary.
// Without Temporal the file is still imported; cases start at the next
// sweep, and workflows keep their balance until told by a later allocation.
func importMoneyIn(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	kind := args[0]
	fs := flag.NewFlagSet("import "+kind, flag.ContinueOnError)
	source := fs.String("source", "", "csv: the source whose column mapping is used or saved")
	mapping := fs.String("map", "", "csv: column mapping to save for the source, as recouvra_column=File header pairs separated by commas")
	tolerance := fs.Int64("tolerance-cents", moneyin.DefaultToleranceCents, "shortfall written off as bank charges when a payment settles an invoice")
	var files []string
	rest := args[1:]
	for len(rest) > 0 { // flags before or after the file name
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if rest = fs.Args(); len(rest) > 0 {
			files, rest = append(files, rest[0]), rest[1:]
		}
	}
	if len(files) != 1 {
		return errors.New(moneyInUsage)
	}
	m, err := parseMapping(*mapping)
	if err != nil {
		return err
	}
	// Streamed: a FEC of a million lines is parsed as it is read.
	file, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer file.Close()
	a, err := app.Open(cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	var sig moneyin.Signaller
	if err := a.ConnectTemporal(ctx); err != nil {
		log.Warn("Temporal unreachable: the file is imported; workflows start at the next sweep, signals wait in the outbox", "err", err)
	} else {
		sig = moneyin.TemporalSignaller{Client: a.Temporal}
	}
	svc := moneyin.New(a.DB, a.Intake, sig, log)
	svc.ToleranceCents = *tolerance
	f := moneyin.File{Name: filepath.Base(files[0]), Body: file, By: auditlog.CommandLineActor()}
	var sum moneyin.Summary
	switch kind {
	case moneyin.KindFEC:
		sum, err = svc.ImportFEC(ctx, f)
	case moneyin.KindFacturX:
		sum, err = svc.ImportFacturX(ctx, f)
	case moneyin.KindUBL:
		sum, err = svc.ImportUBL(ctx, f)
	case moneyin.KindCSV:
		sum, err = svc.ImportCSV(ctx, f, *source, m)
	case moneyin.KindBank:
		sum, err = svc.ImportBank(ctx, f)
	}
	var rej *moneyin.RejectedError
	if errors.As(err, &rej) {
		for _, r := range rej.Rejected {
			fmt.Fprintf(os.Stderr, "%s: %s\n", files[0], r)
		}
		return fmt.Errorf("%d problem(s) in %s: nothing was imported", len(rej.Rejected), files[0])
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sum); err != nil {
		return err
	}
	// The service audits a new file by itself, with no address; this entry
	// says the import came from this machine's command line, and records
	// re-imports too, as the back-office's "backoffice.import" does.
	imp := auditlog.Import{File: f.Name, Source: kind, SHA256: sum.SHA256, Counts: moneyInCounts(sum)}
	if st, err := file.Stat(); err == nil {
		imp.Bytes = st.Size()
	}
	return audit(ctx, a, auditlog.Entry{Action: "cli.import", Entity: "imported_file", EntityID: sum.FileID, After: imp})
}

// moneyInCounts is what a money-in import did, for the audit log.
func moneyInCounts(sum moneyin.Summary) map[string]int64 {
	return map[string]int64{"created": int64(sum.Created), "updated": int64(sum.Updated), "unchanged": int64(sum.Unchanged),
		"allocations": int64(sum.Allocations), "allocated_cents": sum.AllocatedCents, "written_off_cents": sum.WrittenOffCents,
		"suspense_count": int64(sum.SuspenseCount)}
}

// parseMapping reads "number=N° pièce,total=TTC".
func parseMapping(s string) (moneyin.Mapping, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	m := moneyin.Mapping{}
	for _, pair := range strings.Split(s, ",") {
		column, header, ok := strings.Cut(pair, "=")
		if !ok || strings.TrimSpace(column) == "" || strings.TrimSpace(header) == "" {
			return nil, fmt.Errorf("--map: %q is not column=header", pair)
		}
		m[strings.TrimSpace(column)] = strings.TrimSpace(header)
	}
	return m, nil
}
