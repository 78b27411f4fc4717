package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/auditlog"
	"github.com/recouvra/recouvra/internal/config"
	"github.com/recouvra/recouvra/internal/intake"
	"github.com/recouvra/recouvra/models"
)

// importCmd imports a CSV of invoices. Without Temporal the invoices are
// still saved; the daily sweep starts their workflows later.
func importCmd(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 2 && args[0] == "juridictions" {
		return importJuridictions(ctx, cfg, log, args[1])
	}
	if len(args) >= 2 && moneyInKinds[args[0]] {
		return importMoneyIn(ctx, cfg, log, args)
	}
	if len(args) != 2 || args[0] != "invoices" {
		return errors.New("usage: recouvra import invoices|juridictions FILE.csv")
	}
	f, err := openAudited(args[1])
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := intake.ParseCSV(f)
	if err != nil {
		return explainImport(args[1], err)
	}
	imp, err := f.described(nil)
	if err != nil {
		return err
	}
	imp.Source = "csv"
	a, err := app.Open(cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.ConnectTemporal(ctx); err != nil {
		log.Warn("Temporal unreachable: invoices are saved, their workflows start at the next sweep", "err", err)
	}
	sum, err := a.Intake.Import(ctx, rows)
	if err != nil {
		return explainImport(args[1], err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sum); err != nil {
		return err
	}
	return audit(ctx, a, auditlog.InvoiceImport(imp, sum))
}

func explainImport(file string, err error) error {
	var verr *intake.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	for _, fe := range verr.Errors {
		fmt.Fprintf(os.Stderr, "%s:%d: %s: %s\n", file, fe.Row, fe.Field, fe.Message)
	}
	return fmt.Errorf("%d error(s) in %s: nothing was imported", len(verr.Errors), file)
}

func users(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: recouvra users create|passwd|token|revoke --email E ...")
	}
	fs := flag.NewFlagSet("users "+args[0], flag.ContinueOnError)
	email := fs.String("email", "", "the user's email address")
	role := fs.String("role", "", "admin, credit_manager, legal or partner")
	name := fs.String("name", "", "the user's name")
	partner := fs.Uint("partner", 0, "the partner organisation (role partner)")
	password := fs.String("password", "", "the password (default: read from standard input)")
	label := fs.String("label", "", "what the token is for")
	tokenID := fs.Uint("token-id", 0, "the token to revoke")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	a, err := app.Open(cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	acc := a.Accounts
	switch args[0] {
	case "create":
		var pid *uint
		if *partner != 0 {
			p := uint(*partner)
			pid = &p
		}
		u, err := acc.CreateUser(ctx, *email, *name, models.Role(*role), pid)
		if err != nil {
			return err
		}
		var pwErr error
		if *password != "" {
			pwErr = acc.SetPassword(ctx, u.ID, *password)
		}
		fmt.Printf("user %d created: %s (%s)\n", u.ID, u.Email, u.Role)
		created := struct {
			models.User
			PasswordSet bool `json:"password_set"`
		}{u, *password != "" && pwErr == nil}
		if err := audit(ctx, a, auditlog.Entry{Action: "user.create", Entity: "user", EntityID: u.ID, After: created}); err != nil {
			return errors.Join(pwErr, err)
		}
		return pwErr
	case "passwd":
		u, err := acc.UserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		pw := *password
		if pw == "" {
			line, err := bufio.NewReader(os.Stdin).ReadString('\n')
			if err != nil && line == "" {
				return fmt.Errorf("read password from standard input: %w", err)
			}
			pw = strings.TrimRight(line, "\r\n")
		}
		if err := acc.SetPassword(ctx, u.ID, pw); err != nil {
			return err
		}
		fmt.Println("password set for", u.Email)
		return audit(ctx, a, auditlog.Entry{Action: "user.password", Entity: "user", EntityID: u.ID,
			Before: passwordState{u.PasswordHash != ""}, After: passwordState{true}})
	case "token":
		u, err := acc.UserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		secret, t, err := acc.NewToken(ctx, u.ID, *label)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "token %d for %s (%s); it is shown once:\n", t.ID, u.Email, u.Role)
		fmt.Println(secret)
		return audit(ctx, a, auditlog.Entry{Action: "token.create", Entity: "user", EntityID: u.ID, After: t})
	case "revoke":
		u, err := acc.UserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		var before, after models.APIToken
		if err := a.DB.WithContext(ctx).Where("id = ? AND user_id = ?", *tokenID, u.ID).Limit(1).Find(&before).Error; err != nil {
			return fmt.Errorf("read token %d of %s: %w", *tokenID, u.Email, err)
		}
		if err := acc.RevokeToken(ctx, u.ID, uint(*tokenID)); err != nil {
			return err
		}
		fmt.Printf("token %d of %s revoked\n", *tokenID, u.Email)
		if err := a.DB.WithContext(ctx).Take(&after, *tokenID).Error; err != nil {
			return fmt.Errorf("token %d was revoked but cannot be read back for the audit log: %w", *tokenID, err)
		}
		return audit(ctx, a, auditlog.Entry{Action: "token.revoke", Entity: "user", EntityID: u.ID, Before: before, After: after})
	}
	return fmt.Errorf("unknown users command %q: want create, passwd, token or revoke", args[0])
}

// passwordState is what the audit log says of a password: whether one is
// set, never the password or its hash.
type passwordState struct {
	PasswordSet bool `json:"password_set"`
}
