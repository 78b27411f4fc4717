package mailer

import (
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"testing"
)

func TestClassifyTransaction(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		permanent bool
		code      int
	}{
		{"mailbox unknown", &textproto.Error{Code: 550, Msg: "5.1.1 no such user"}, true, 550},
		{"wrapped message too big", fmt.Errorf("data: %w", &textproto.Error{Code: 552, Msg: "too big"}), true, 552},
		{"policy rejection", &textproto.Error{Code: 554, Msg: "5.7.1 rejected"}, true, 554},
		{"greylisting", &textproto.Error{Code: 451, Msg: "4.7.1 try later"}, false, 0},
		{"mailbox full", &textproto.Error{Code: 452, Msg: "4.2.2 full"}, false, 0},
		{"authentication required", &textproto.Error{Code: 530, Msg: "5.7.0 auth first"}, false, 0},
		{"bad credentials", &textproto.Error{Code: 535, Msg: "5.7.8 bad"}, false, 0},
		{"connection dropped", io.ErrUnexpectedEOF, false, 0},
		{"plain error", errors.New("Mail Error: SMTP Send timed out"), false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classifyTransaction(tt.err)
			if IsPermanent(got) != tt.permanent {
				t.Fatalf("IsPermanent(%v) = %v, want %v", got, !tt.permanent, tt.permanent)
			}
			if !errors.Is(got, tt.err) {
				t.Errorf("classified error %v no longer wraps %v", got, tt.err)
			}
			var perm *PermanentError
			if errors.As(got, &perm) && perm.Code != tt.code {
				t.Errorf("Code = %d, want %d", perm.Code, tt.code)
			}
		})
	}
}

func TestIsPermanentSeesThroughWrapping(t *testing.T) {
	err := fmt.Errorf("activity: %w", invalid("To is empty"))
	if !IsPermanent(err) {
		t.Error("a wrapped PermanentError is not recognised")
	}
	if IsPermanent(nil) || IsPermanent(errors.New("x")) {
		t.Error("nil or a plain error reported as permanent")
	}
}
