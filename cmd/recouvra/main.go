// Command recouvra is Recouvra's single binary: the HTTP server, the Temporal
// worker, the all-in-one development mode and the administration commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/recouvra/recouvra/internal/app"
	"github.com/recouvra/recouvra/internal/config"
)

const usage = `usage: recouvra <command> [arguments]

commands:
  serve                     run the API and the back-office
  worker                    run the Temporal worker
  dev                       run everything locally: Temporal dev server, worker, API, back-office, demo data
  migrate                   apply pending database migrations
  import invoices FILE.csv  import invoices from a CSV file
  import fec|facturx|ubl|bank FILE    import an accounting export, e-invoice or bank statement, then letter payments
  import csv FILE --source S [--map "number=N° pièce,…"]   import a CSV with a saved column mapping
  import juridictions FILE.csv  import the Ministry of Justice commune → tribunal judiciaire file
  rates import FILE.csv     store half-year interest rates (series,year,half,rate_percent,source)
  rates list                print the interest rates in effect, as CSV
  users create --email E --role R [--name N] [--partner ID] [--password P]
  users passwd --email E    set a password (read from standard input)
  users token --email E [--label L]    print a new API token
  users revoke --email E --token-id N  revoke a token

Configuration comes from environment variables: see README.md.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "recouvra: configuration:", err)
		os.Exit(2)
	}
	log := app.NewLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd, args := os.Args[1], os.Args[2:]
	switch cmd {
	case "serve":
		err = serve(ctx, cfg, log)
	case "worker":
		err = runWorker(ctx, cfg, log)
	case "dev":
		err = dev(ctx, cfg, log)
	case "migrate":
		err = migrate(cfg, log)
	case "import":
		err = importCmd(ctx, cfg, log, args)
	case "rates":
		err = rates(ctx, cfg, log, args)
	case "users":
		err = users(ctx, cfg, log, args)
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "recouvra: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "recouvra:", err)
		os.Exit(1)
	}
}
