// Package devserver runs a real Temporal server — the Temporal CLI's
// `server start-dev` — as a child process, for `recouvra dev` and for the
// integration tests. The CLI is built into ./bin by `make bin/temporal`.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"time"

	"go.temporal.io/sdk/client"
)

// Options configure a dev server.
type Options struct {
	Binary   string // path of the temporal CLI; FindBinary() when empty
	DBFile   string // SQLite file for persistent state; in memory when empty
	Port     int    // frontend port; a free one when 0
	UIPort   int    // Web UI port; no UI when 0
	LogLevel string // error by default: the dev server is chatty
	// SearchAttributes to register, name → type (Keyword, Int, …).
	SearchAttributes map[string]string
	Output           io.Writer
}

// Server is a running dev server.
type Server struct {
	cmd     *exec.Cmd
	done    chan struct{}
	Address string // host:port of the frontend
	UIURL   string // empty without UI
}

// FindBinary locates the temporal CLI: $TEMPORAL_CLI, then bin/temporal in
// the repository (searched upward from the working directory), then $PATH.
func FindBinary() (string, error) {
	if p := os.Getenv("TEMPORAL_CLI"); p != "" {
		return p, nil
	}
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, "bin", "temporal")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if p, err := exec.LookPath("temporal"); err == nil {
		return p, nil
	}
	return "", errors.New("temporal CLI not found: run `make bin/temporal` or set TEMPORAL_CLI")
}

// Start launches the server and waits until it answers.
func Start(ctx context.Context, o Options) (*Server, error) {
	if o.Binary == "" {
		p, err := FindBinary()
		if err != nil {
			return nil, err
		}
		o.Binary = p
	}
	if o.Port == 0 {
		o.Port = FreePort()
	}
	if o.LogLevel == "" {
		o.LogLevel = "error"
	}
	args := []string{"server", "start-dev", "--ip", "127.0.0.1", "--port", strconv.Itoa(o.Port),
		"--log-level", o.LogLevel, "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"}
	for _, name := range slices.Sorted(maps.Keys(o.SearchAttributes)) {
		args = append(args, "--search-attribute", name+"="+o.SearchAttributes[name])
	}
	if o.DBFile != "" {
		if err := os.MkdirAll(filepath.Dir(o.DBFile), 0o755); err != nil {
			return nil, err
		}
		args = append(args, "--db-filename", o.DBFile)
	}
	s := &Server{Address: fmt.Sprintf("127.0.0.1:%d", o.Port), done: make(chan struct{})}
	if o.UIPort > 0 {
		args = append(args, "--ui-port", strconv.Itoa(o.UIPort))
		s.UIURL = fmt.Sprintf("http://127.0.0.1:%d", o.UIPort)
	} else {
		args = append(args, "--headless")
	}
	// The metrics port defaults to a fixed number; take a free one so that
	// several servers (tests, a running `make run`) do not collide.
	args = append(args, "--metrics-port", strconv.Itoa(FreePort()))
	s.cmd = exec.Command(o.Binary, args...)
	s.cmd.Stdout, s.cmd.Stderr = o.Output, o.Output
	// Own process group: Ctrl-C in a terminal reaches us, and we stop the
	// server ourselves, after the worker.
	// Pdeathsig: if this process dies without stopping the server, the kernel
	// kills the server too, so no test run leaves one behind.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", o.Binary, err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	if err := s.waitHealthy(ctx, 60*time.Second); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) waitHealthy(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("temporal dev server exited during start-up (%v)", s.cmd.ProcessState)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		c, err := client.Dial(client.Options{HostPort: s.Address, Logger: quiet{}})
		if err != nil {
			continue
		}
		_, err = c.CheckHealth(ctx, &client.CheckHealthRequest{})
		c.Close()
		if err == nil {
			return nil
		}
	}
	return fmt.Errorf("temporal dev server at %s not healthy after %s", s.Address, limit)
}

// Stop ends the server (SIGTERM, then SIGKILL after 10 s) and waits for it.
func (s *Server) Stop() {
	if s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// Kill ends the server at once, as a crash would.
func (s *Server) Kill() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// FreePort returns a TCP port free on 127.0.0.1 at the time of the call.
func FreePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// quiet drops the SDK's logs while polling for health.
type quiet struct{}

func (quiet) Debug(string, ...any) {}
func (quiet) Info(string, ...any)  {}
func (quiet) Warn(string, ...any)  {}
func (quiet) Error(string, ...any) {}
