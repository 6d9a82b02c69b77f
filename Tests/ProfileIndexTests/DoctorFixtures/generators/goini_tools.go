// goini_tools writes AWS files the way tsh (Teleport), granted, aws-sso-cli and saml2aws write them, with the
// INI library they use (gopkg.in/ini.v1, Debian's golang-gopkg-ini.v1-dev 1.66.2), calling it as
// their source does (see PROVENANCE.md beside this file). Sequences of two tools run one after the
// other on the same file, as a user's machine would.
//
// Regenerate (offline; writes out/<scenario>/config and credentials):
//
//	apt-get install golang-gopkg-ini.v1-dev
//	GO111MODULE=off GOPATH=/usr/share/gocode go run goini_tools.go
//
// It also checks its tsh emulation against Teleport's own golden file (teleport/) and exits 1
// when they differ.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	ini "gopkg.in/ini.v1"
)

const (
	icComment   = "Do not edit. Section managed by Teleport (AWS Identity Center integration)."
	appsComment = "Do not edit. Section managed by Teleport."
)

func load(path string) *ini.File {
	// The options tsh uses for the AWS config file.
	f, err := ini.LoadSources(ini.LoadOptions{AllowNestedValues: true, Loose: true}, path)
	must(err)
	return f
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type icProfile struct{ name, account, role string }

// tshAWSProfile: `tsh aws-profile`. Upserts its marked sso-session and profiles (refusing an
// unmarked section of the same name), keeps keys a user added to them, and deletes its marked
// profiles that are gone.
func tshAWSProfile(path, session, startURL, ssoRegion string, profiles []icProfile) {
	f := load(path)
	upsert := func(name string) *ini.Section {
		if f.HasSection(name) {
			s := f.Section(name)
			if !strings.Contains(s.Comment, icComment) {
				must(fmt.Errorf("%s: section %q is not managed by Teleport, remove the section and try again", path, name))
			}
			return s
		}
		s, err := f.NewSection(name)
		must(err)
		return s
	}
	s := upsert("sso-session " + session)
	s.Comment = icComment
	s.Key("sso_start_url").SetValue(startURL)
	s.Key("sso_region").SetValue(ssoRegion)
	keep := map[string]bool{}
	for _, p := range profiles {
		name := "profile " + p.name
		keep[name] = true
		s := upsert(name)
		s.Comment = icComment
		s.Key("sso_session").SetValue(session)
		s.Key("sso_account_id").SetValue(p.account)
		s.Key("sso_role_name").SetValue(p.role)
	}
	for _, sec := range f.Sections() {
		if strings.HasPrefix(sec.Name(), "profile teleport-awsic-") && strings.Contains(sec.Comment, icComment) && !keep[sec.Name()] {
			f.DeleteSection(sec.Name())
		}
	}
	must(f.SaveTo(path))
}

// tshAppsLogin: `tsh apps login APP` for an AWS Roles Anywhere app (lib/aws/awsconfigfile).
func tshAppsLogin(path, app string) {
	must(tryTshAppsLogin(path, app))
}

func tryTshAppsLogin(path, app string) error {
	f := load(path)
	name := "profile " + app
	var s *ini.Section
	if f.HasSection(name) {
		s = f.Section(name)
		if !strings.Contains(s.Comment, appsComment) {
			return fmt.Errorf("%s: section %q is not managed by Teleport, remove the section and try again", path, name)
		}
	} else {
		var err error
		if s, err = f.NewSection(name); err != nil {
			return err
		}
	}
	s.Comment = appsComment
	s.Key("credential_process").SetValue("tsh apps config --format aws-credential-process " + app)
	if len(s.KeyStrings()) > 1 {
		return fmt.Errorf("%s: section %q contains other keys, remove the section and try again", path, name)
	}
	return f.SaveTo(path)
}

type grantedProfile struct{ accountName, accountID, role string }

// grantedPopulate: `granted sso populate --sso-region R URL` (awsconfigfile.Merge): each profile's
// section is deleted and created again from the generated keys.
func grantedPopulate(path, startURL, ssoRegion string, profiles []grantedProfile) {
	f, err := ini.LoadSources(ini.LoadOptions{AllowNonUniqueSections: false, SkipUnrecognizableLines: false}, path)
	if os.IsNotExist(err) {
		f, err = ini.Empty(), nil
	}
	must(err)
	for _, p := range profiles {
		profile := p.accountName + "/" + p.role
		section := "profile " + profile
		f.DeleteSection(section)
		s, err := f.NewSection(section)
		must(err)
		must(s.ReflectFrom(&struct {
			SSOStartURL             string `ini:"granted_sso_start_url"`
			SSORegion               string `ini:"granted_sso_region"`
			SSOAccountID            string `ini:"granted_sso_account_id"`
			SSORoleName             string `ini:"granted_sso_role_name"`
			CommonFateGeneratedFrom string `ini:"common_fate_generated_from"`
			CredentialProcess       string `ini:"credential_process"`
			Region                  string `ini:"region,omitempty"`
		}{startURL, ssoRegion, p.accountID, p.role, "aws-sso", "granted credential-process --profile " + profile, ""}))
	}
	must(f.SaveTo(path))
}

// grantedExport: `assume PROFILE --export` without an export suffix: the credentials file gets a
// section named after the profile with the role's temporary keys.
func grantedExport(path, profile string) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		must(os.WriteFile(path, nil, 0o600))
	}
	f, err := ini.LoadSources(ini.LoadOptions{AllowNonUniqueSections: false, SkipUnrecognizableLines: false, AllowNestedValues: true}, path)
	must(err)
	f.DeleteSection(profile)
	s, err := f.NewSection(profile)
	must(err)
	must(s.ReflectFrom(&struct {
		AWSAccessKeyID     string `ini:"aws_access_key_id"`
		AWSSecretAccessKey string `ini:"aws_secret_access_key"`
		AWSSessionToken    string `ini:"aws_session_token,omitempty"`
	}{"ASIAFIXTUREEXPORTED", "fixture-secret", "fixture-session-token"}))
	must(f.SaveTo(path))
}

// awsSSOCliBlock: what `aws-sso setup profiles` puts in the file (internal/awsconfig
// CONFIG_TEMPLATE between the marker lines), appended after the existing text.
func awsSSOCliBlock(path string, sso string, roles [][2]string) {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		must(err)
	}
	var b bytes.Buffer
	b.Write(old)
	b.WriteString("# BEGIN_AWS_SSO_CLI\n")
	for _, r := range roles {
		fmt.Fprintf(&b, "\n[profile %s]\ncredential_process = /usr/local/bin/aws-sso -u open -S \"%s\" process --arn arn:aws:iam::%s:role/%s\n",
			r[0], sso, strings.SplitN(r[0], ":", 2)[0], r[1])
	}
	b.WriteString("\n# END_AWS_SSO_CLI\n")
	must(os.WriteFile(path, b.Bytes(), 0o644))
}

// saml2awsCredentials is saml2aws's AWSCredentials (pkg/awsconfig/awsconfig.go): go-ini writes the
// fields in this order, the time with time.RFC3339, and leaves region out when it is empty.
type saml2awsCredentials struct {
	AWSAccessKey     string    `ini:"aws_access_key_id"`
	AWSSecretKey     string    `ini:"aws_secret_access_key"`
	AWSSessionToken  string    `ini:"aws_session_token"`
	AWSSecurityToken string    `ini:"aws_security_token"`
	PrincipalARN     string    `ini:"x_principal_arn"`
	Expires          time.Time `ini:"x_security_token_expires"`
	Region           string    `ini:"region,omitempty"`
}

// saml2awsLogin: `saml2aws login [-p PROFILE] [--region R]` (cmd/saml2aws/commands/login.go and
// pkg/awsconfig/awsconfig.go). When the credentials file is missing, the first login only creates
// it with the text "[PROFILE]" (no line break, mode 0600) and stops ("Login required to create
// them."); a later login loads the file with ini.Load (default options), NewSection(profile) (the
// existing section when there is one), ReflectFrom and SaveTo, with go-ini's default PrettyFormat
// (keys padded so the "=" line up). Expires is the STS expiry converted with .Local().
func saml2awsLogin(path, profile string, expires time.Time, region string) {
	saved := ini.PrettyFormat
	ini.PrettyFormat = true // saml2aws never changes go-ini's default
	defer func() { ini.PrettyFormat = saved }()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		must(os.MkdirAll(filepath.Dir(path), 0o755))
		must(os.WriteFile(path, []byte("["+profile+"]"), 0o600))
		return
	}
	f, err := ini.Load(path)
	must(err)
	s, err := f.NewSection(profile)
	must(err)
	must(s.ReflectFrom(&saml2awsCredentials{
		AWSAccessKey:     "ASIAFIXTURESAML" + strings.ToUpper(strings.ReplaceAll(profile, "-", "")),
		AWSSecretKey:     "fixture-secret",
		AWSSessionToken:  "fixture-session-token",
		AWSSecurityToken: "fixture-session-token",
		PrincipalARN:     "arn:aws:sts::123456789012:assumed-role/" + profile + "/fixture-user@example.com",
		Expires:          expires,
		Region:           region,
	}))
	must(f.SaveTo(path))
}

func write(path, text string) {
	must(os.MkdirAll(filepath.Dir(path), 0o755))
	must(os.WriteFile(path, []byte(text), 0o644))
}

func main() {
	// tsh writes `key=value` (TestWriteAWSConfig.golden); go-ini's default aligns `key = value`.
	ini.PrettyFormat = false
	here, _ := os.Getwd()
	out := filepath.Join(here, "out")
	// Only this program's scenarios: python_tools.py writes the others.
	for _, scenario := range []string{"tsh-aws-profile", "tsh-aws-profile-user-region", "tsh-apps-login", "tsh-apps-login-user-region",
		"granted-populate-export", "aws-sso-cli-then-tsh", "saml2aws-login"} {
		must(os.RemoveAll(filepath.Join(out, scenario)))
	}

	golden := []icProfile{{"teleport-awsic-dev-admin", "111111111111", "Admin"}, {"teleport-awsic-dev-reader", "111111111111", "Reader"},
		{"teleport-awsic-222222222222-admin", "222222222222", "Admin"}}
	userStart := "[default]\nregion=us-west-2\noutput=json\n\n[profile external]\nrole_arn=arn:aws:iam::123456789012:role/external-role\nsource_profile=default\n"

	// 1. tsh aws-profile on a user's file: must equal Teleport's golden file.
	cfg := filepath.Join(out, "tsh-aws-profile", "config")
	write(cfg, userStart)
	tshAWSProfile(cfg, "teleport-d-123", "https://d-123.awsapps.com/start", "us-east-1", golden)
	want, err := os.ReadFile(filepath.Join(here, "teleport", "TestWriteAWSConfig.golden"))
	must(err)
	got, _ := os.ReadFile(cfg)
	// go-ini ends the file with an empty line; the golden file as stored in Teleport's repository
	// does not have it. Everything else must be byte for byte the same.
	if !bytes.Equal(bytes.TrimSuffix(got, []byte("\n")), want) {
		must(fmt.Errorf("tsh emulation differs from TestWriteAWSConfig.golden:\n%s", got))
	}

	// 2. The user adds region to a tsh section; tsh aws-profile runs again: the region stays.
	cfg = filepath.Join(out, "tsh-aws-profile-user-region", "config")
	write(cfg, userStart)
	tshAWSProfile(cfg, "teleport-d-123", "https://d-123.awsapps.com/start", "us-east-1", golden)
	f := load(cfg)
	f.Section("profile teleport-awsic-dev-admin").Key("region").SetValue("eu-west-1")
	must(f.SaveTo(cfg))
	tshAWSProfile(cfg, "teleport-d-123", "https://d-123.awsapps.com/start", "us-east-1", golden)

	// 3. tsh apps login for a Roles Anywhere app, on a file without [default] region.
	cfg = filepath.Join(out, "tsh-apps-login", "config")
	write(cfg, "[default]\noutput=json\n")
	tshAppsLogin(cfg, "payments-prod")

	// 3b. The user adds region to that section (as sw doctor used to advise); the next tsh apps
	//     login refuses the section. Its error is kept beside the file.
	cfg = filepath.Join(out, "tsh-apps-login-user-region", "config")
	write(cfg, "[default]\noutput=json\n")
	tshAppsLogin(cfg, "payments-prod")
	f = load(cfg)
	f.Section("profile payments-prod").Key("region").SetValue("us-east-1")
	must(f.SaveTo(cfg))
	if err := tryTshAppsLogin(cfg, "payments-prod"); err == nil {
		must(fmt.Errorf("tsh apps login accepted a section with region"))
	} else {
		write(filepath.Join(out, "tsh-apps-login-user-region", "tsh-error.txt"), strings.Replace(err.Error(), out, "out", 1)+"\n")
	}

	// 4. granted sso populate, then assume --export of one profile (no export suffix).
	cfg = filepath.Join(out, "granted-populate-export", "config")
	write(cfg, "[default]\nregion=eu-central-1\n")
	grantedPopulate(cfg, "https://d-999.awsapps.com/start", "eu-central-1",
		[]grantedProfile{{"prod", "333333333333", "Admin"}, {"dev", "444444444444", "Developer"}})
	grantedExport(filepath.Join(out, "granted-populate-export", "credentials"), "prod/Admin")

	// 5. aws-sso setup profiles (its block at the end of the file), then tsh aws-profile: go-ini
	//    drops the END comment, and tsh's sections land after BEGIN.
	cfg = filepath.Join(out, "aws-sso-cli-then-tsh", "config")
	write(cfg, "[default]\nregion=us-west-2\n\n")
	awsSSOCliBlock(cfg, "Default", [][2]string{{"555555555555:Admin", "Admin"}, {"555555555555:ReadOnly", "ReadOnly"}})
	tshAWSProfile(cfg, "teleport-d-123", "https://d-123.awsapps.com/start", "us-east-1", golden[:1])

	// 6. saml2aws on a machine without a credentials file: the first `saml2aws login` only creates
	//    "[saml]"; the next writes the default profile saml, whose keys are expired by now (a fixed
	//    2001 date, written in a UTC+1 local zone as .Local() gives it); then `saml2aws login
	//    -p prod-admin --region eu-west-1` adds a profile valid until 2099, with the region saml2aws
	//    puts in the credentials file.
	local := time.FixedZone("CET", 3600)
	creds := filepath.Join(out, "saml2aws-login", "credentials")
	saml2awsLogin(creds, "saml", time.Time{}, "")
	saml2awsLogin(creds, "saml", time.Date(2001, 2, 3, 13, 4, 5, 0, local), "")
	saml2awsLogin(creds, "prod-admin", time.Date(2099, 1, 1, 13, 4, 5, 0, local), "eu-west-1")
}
