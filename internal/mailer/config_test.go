package mailer

import (
	"strings"
	"testing"
	"time"
)

func TestConfigFromEnv(t *testing.T) {
	const prefix = "TEST_MAILER_SMTP_"
	valid := map[string]string{
		"HOST": "smtp.example.fr", "PORT": "2525", "USERNAME": "relances", "PASSWORD": " s3cret ",
		"ENCRYPTION": "TLS", "FROM": "Cabinet Martin <relances@cabinet-martin.fr>",
	}
	with := func(changes map[string]string) map[string]string {
		env := map[string]string{}
		for k, v := range valid {
			env[k] = v
		}
		for k, v := range changes {
			env[k] = v
		}
		return env
	}
	tests := []struct {
		name    string
		env     map[string]string
		want    Config
		wantErr []string // substrings the error must contain
	}{
		{
			name: "complete",
			env:  valid,
			want: Config{Host: "smtp.example.fr", Port: 2525, Username: "relances", Password: " s3cret ",
				Encryption: "tls", From: "Cabinet Martin <relances@cabinet-martin.fr>"},
		},
		{
			name: "defaults: starttls on 587",
			env:  with(map[string]string{"PORT": "", "ENCRYPTION": ""}),
			want: Config{Host: "smtp.example.fr", Port: 587, Username: "relances", Password: " s3cret ",
				Encryption: "starttls", From: "Cabinet Martin <relances@cabinet-martin.fr>"},
		},
		{
			name: "tls defaults to 465, none to 25",
			env:  with(map[string]string{"PORT": "", "ENCRYPTION": "none", "USERNAME": "", "PASSWORD": ""}),
			want: Config{Host: "smtp.example.fr", Port: 25, Encryption: "none", From: "Cabinet Martin <relances@cabinet-martin.fr>"},
		},
		{
			name: "optional hello name and timeout",
			env:  with(map[string]string{"HELLO_NAME": "mx.cabinet-martin.fr", "TIMEOUT": "12s"}),
			want: Config{Host: "smtp.example.fr", Port: 2525, Username: "relances", Password: " s3cret ",
				Encryption: "tls", From: "Cabinet Martin <relances@cabinet-martin.fr>",
				HelloName: "mx.cabinet-martin.fr", Timeout: 12 * time.Second},
		},
		{name: "missing host", env: with(map[string]string{"HOST": ""}), wantErr: []string{prefix + "HOST", "empty"}},
		{name: "host with port", env: with(map[string]string{"HOST": "smtp.example.fr:25"}), wantErr: []string{prefix + "HOST", `"smtp.example.fr:25"`}},
		{name: "port not a number", env: with(map[string]string{"PORT": "vingt-cinq"}), wantErr: []string{prefix + "PORT", `"vingt-cinq"`}},
		{name: "port out of range", env: with(map[string]string{"PORT": "70000"}), wantErr: []string{prefix + "PORT", "70000"}},
		{name: "unknown encryption", env: with(map[string]string{"ENCRYPTION": "ssl"}), wantErr: []string{prefix + "ENCRYPTION", `"ssl"`}},
		{name: "password without user", env: with(map[string]string{"USERNAME": ""}), wantErr: []string{prefix + "PASSWORD", prefix + "USERNAME"}},
		{name: "missing from", env: with(map[string]string{"FROM": ""}), wantErr: []string{prefix + "FROM", "empty"}},
		{name: "invalid from", env: with(map[string]string{"FROM": "relances@"}), wantErr: []string{prefix + "FROM", `"relances@"`}},
		{name: "bad timeout", env: with(map[string]string{"TIMEOUT": "30"}), wantErr: []string{prefix + "TIMEOUT", `"30"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"HOST", "PORT", "USERNAME", "PASSWORD", "ENCRYPTION", "FROM", "HELLO_NAME", "TIMEOUT"} {
				t.Setenv(prefix+k, tt.env[k])
			}
			got, err := ConfigFromEnv(prefix)
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("ConfigFromEnv() = %+v, want an error", got)
				}
				for _, part := range tt.wantErr {
					if !strings.Contains(err.Error(), part) {
						t.Errorf("error %q does not mention %q", err, part)
					}
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error %q leaks the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ConfigFromEnv() error: %v", err)
			}
			if got != tt.want {
				t.Errorf("ConfigFromEnv() =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func TestValidateNamesFields(t *testing.T) {
	err := Config{Host: "smtp.example.fr", Port: 587, Encryption: "starttls", From: "pas une adresse"}.Validate()
	if err == nil || !strings.Contains(err.Error(), "Config.From") || !strings.Contains(err.Error(), `"pas une adresse"`) {
		t.Fatalf("Validate() = %v, want an error naming Config.From and its value", err)
	}
	if err := (Config{Host: "::1", Port: 25, Encryption: "none", From: "a@b.fr"}).Validate(); err != nil {
		t.Errorf("an IPv6 literal host must be accepted: %v", err)
	}
}

func TestHelloName(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{From: "Cabinet <relances@cabinet-martin.fr>"}, "cabinet-martin.fr"},
		{Config{From: "relances@cabinet-martin.fr", HelloName: "mx1.example.net"}, "mx1.example.net"},
		{Config{From: "not an address"}, "localhost"},
	}
	for _, tt := range tests {
		if got := tt.cfg.helloName(); got != tt.want {
			t.Errorf("helloName(%+v) = %q, want %q", tt.cfg, got, tt.want)
		}
	}
}
