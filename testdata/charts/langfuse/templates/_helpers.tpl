{{/*
valuesmith test double of the Langfuse chart 2.0.0, written from the
verified facts about its behaviour; not the upstream templates.
*/}}

{{/* ---------------------------------------------------------------- names */}}

{{- define "langfuse.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "langfuse.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "langfuse.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "langfuse.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Name a bundled sub-chart would give itself (alias as its name). */}}
{{- define "langfuse.subchartFullname" -}}
{{- $root := index . 0 -}}
{{- $alias := index . 1 -}}
{{- if contains $alias $root.Release.Name -}}
{{- $root.Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" $root.Release.Name $alias | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* --------------------------------------------------------------- labels */}}

{{- define "langfuse.selectorLabels" -}}
app.kubernetes.io/name: {{ include "langfuse.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "langfuse.labels" -}}
helm.sh/chart: {{ include "langfuse.chart" . }}
{{ include "langfuse.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Pod template labels; argument: list root component. */}}
{{- define "langfuse.podLabels" -}}
{{- $root := index . 0 -}}
{{- $comp := index . 1 -}}
{{- $l := $root.Values.langfuse -}}
{{- $c := index $l $comp | default dict -}}
{{- $cpod := $c.pod | default dict -}}
{{- $gpod := $l.pod | default dict -}}
{{ include "langfuse.selectorLabels" $root }}
app.kubernetes.io/component: {{ $comp }}
app: {{ $comp }}
{{- with merge (dict) ($cpod.labels | default dict) ($gpod.labels | default dict) }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Deployment selector; argument: list root component. */}}
{{- define "langfuse.deploymentSelector" -}}
{{- $root := index . 0 -}}
{{ include "langfuse.selectorLabels" $root }}
app: {{ index . 1 }}
{{- end -}}

{{/* --------------------------------------------------- additionalEnv lookups */}}

{{/* "true" when langfuse.additionalEnv (the global list only) names .name. */}}
{{- define "langfuse.hasGlobalEnv" -}}
{{- $found := false -}}
{{- range (.root.Values.langfuse.additionalEnv | default list) -}}
{{- if and (kindIs "map" .) (eq (toString (get . "name")) $.name) -}}
{{- $found = true -}}
{{- end -}}
{{- end -}}
{{- if $found }}true{{ end -}}
{{- end -}}

{{/* ------------------------------------------------------------ value or secret */}}

{{/*
Sources set on a value-or-secret field, comma-separated.
Argument: dict src (the field). A secretKeyRef counts only with both name and key.
*/}}
{{- define "langfuse.vos.sources" -}}
{{- $s := .src -}}
{{- $found := list -}}
{{- if kindIs "map" $s -}}
{{- if get $s "value" -}}{{- $found = append $found "value" -}}{{- end -}}
{{- $ref := get $s "secretKeyRef" -}}
{{- if and (kindIs "map" $ref) (get $ref "name") (get $ref "key") -}}{{- $found = append $found "secretKeyRef" -}}{{- end -}}
{{- if get $s "fieldRef" -}}{{- $found = append $found "fieldRef" -}}{{- end -}}
{{- if get $s "resourceFieldRef" -}}{{- $found = append $found "resourceFieldRef" -}}{{- end -}}
{{- else if $s -}}
{{- $found = append $found "value" -}}
{{- end -}}
{{- join "," $found -}}
{{- end -}}

{{/* Fails when more than one source is set. Argument: dict src key. */}}
{{- define "langfuse.vos.check" -}}
{{- $n := include "langfuse.vos.sources" (dict "src" .src) | splitList "," | compact | len -}}
{{- if gt $n 1 -}}
{{- fail (printf ".value, .secretKeyRef, .fieldRef, and .resourceFieldRef are mutually exclusive for %s" .key) -}}
{{- end -}}
{{- end -}}

{{/* "true" when the field has a usable source. Argument: dict src key. */}}
{{- define "langfuse.vos.provided" -}}
{{- include "langfuse.vos.check" . -}}
{{- if include "langfuse.vos.sources" (dict "src" .src) }}true{{ end -}}
{{- end -}}

{{/*
One env entry from a value-or-secret field, or nothing when unset.
Argument: dict name (env var) src (field) key (values path, for messages).
*/}}
{{- define "langfuse.vos.env" -}}
{{- include "langfuse.vos.check" . -}}
{{- $kinds := include "langfuse.vos.sources" (dict "src" .src) | splitList "," | compact -}}
{{- if $kinds -}}
{{- $s := .src -}}
{{- $kind := first $kinds }}
- name: {{ .name }}
{{- if not (kindIs "map" $s) }}
  value: {{ $s | toString | quote }}
{{- else if eq $kind "value" }}
  value: {{ get $s "value" | toString | quote }}
{{- else if eq $kind "secretKeyRef" }}
  valueFrom:
    secretKeyRef:
      name: {{ $s.secretKeyRef.name | quote }}
      key: {{ $s.secretKeyRef.key | quote }}
{{- else if eq $kind "fieldRef" }}
  valueFrom:
    fieldRef:
      {{- toYaml (get $s "fieldRef") | nindent 6 }}
{{- else }}
  valueFrom:
    resourceFieldRef:
      {{- toYaml (get $s "resourceFieldRef") | nindent 6 }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* A plain env entry referencing a Secret key. Argument: dict name secret key. */}}
{{- define "langfuse.secretEnv" }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
{{- end -}}

{{/* ------------------------------------------------------------ app secrets */}}

{{/* The app secrets: values key, env var, key in <fullname>-app. */}}
{{- define "langfuse.appSecretSpecs" -}}
- {key: langfuse.salt, env: SALT, secretKey: salt}
- {key: langfuse.encryptionKey, env: ENCRYPTION_KEY, secretKey: encryption-key}
- {key: langfuse.nextauth.secret, env: NEXTAUTH_SECRET, secretKey: nextauth-secret}
{{- end -}}

{{/* Field of an app secret by its values key. Argument: list root key. */}}
{{- define "langfuse.appSecretField" -}}
{{- $l := (index . 0).Values.langfuse -}}
{{- $key := index . 1 -}}
{{- if eq $key "langfuse.salt" -}}{{- toJson ($l.salt | default dict) -}}
{{- else if eq $key "langfuse.encryptionKey" -}}{{- toJson ($l.encryptionKey | default dict) -}}
{{- else -}}{{- toJson (($l.nextauth | default dict).secret | default dict) -}}
{{- end -}}
{{- end -}}

{{/*
Base64 of an existing key of a live Secret (through lookup), else of the
generated value. Argument: dict root name key generated.
*/}}
{{- define "langfuse.keepOrGenerate" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .name | default dict -}}
{{- $old := dig "data" .key "" $existing -}}
{{- if $old -}}{{- $old -}}{{- else -}}{{- .generated | b64enc -}}{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- app env */}}

{{- define "langfuse.appEnv" -}}
{{- $l := .Values.langfuse -}}
{{- $fullname := include "langfuse.fullname" . -}}
{{- $nextauth := $l.nextauth | default dict }}
- name: NODE_ENV
  value: {{ $l.nodeEnv | default "production" | quote }}
- name: NEXTAUTH_URL
  value: {{ $nextauth.url | toString | quote }}
{{- range $spec := include "langfuse.appSecretSpecs" . | fromYamlArray }}
{{- $field := include "langfuse.appSecretField" (list $ $spec.key) | fromJson }}
{{- if include "langfuse.vos.provided" (dict "src" $field "key" $spec.key) }}
{{- include "langfuse.vos.env" (dict "name" $spec.env "src" $field "key" $spec.key) }}
{{- else }}
{{- include "langfuse.secretEnv" (dict "name" $spec.env "secret" (printf "%s-app" $fullname) "key" $spec.secretKey) }}
{{- end }}
{{- end }}
{{- include "langfuse.vos.env" (dict "name" "LANGFUSE_EE_LICENSE_KEY" "src" $l.licenseKey "key" "langfuse.licenseKey") }}
{{- $features := $l.features | default dict }}
- name: AUTH_DISABLE_SIGNUP
  value: {{ $features.signUpDisabled | default false | quote }}
- name: TELEMETRY_ENABLED
  value: {{ ne (toString $features.telemetryEnabled) "false" | quote }}
- name: ENABLE_EXPERIMENTAL_FEATURES
  value: {{ $features.experimentalFeaturesEnabled | default false | quote }}
{{- $logging := $l.logging | default dict }}
- name: LANGFUSE_LOG_LEVEL
  value: {{ $logging.level | default "info" | quote }}
- name: LANGFUSE_LOG_FORMAT
  value: {{ $logging.format | default "text" | quote }}
{{- $smtp := $l.smtp | default dict }}
{{- if $smtp.connectionUrl }}
{{- if not $smtp.fromAddress }}
{{- fail "langfuse.smtp.fromAddress is required when langfuse.smtp.connectionUrl is set" }}
{{- end }}
- name: SMTP_CONNECTION_URL
  value: {{ $smtp.connectionUrl | quote }}
- name: EMAIL_FROM_ADDRESS
  value: {{ $smtp.fromAddress | quote }}
{{- end }}
{{- with $l.allowedOrganizationCreators }}
- name: LANGFUSE_ALLOWED_ORGANIZATION_CREATORS
  value: {{ join "," . | quote }}
{{- end }}
{{- $auth := $l.auth | default dict }}
{{- if hasKey $auth "disableUsernamePassword" }}
- name: AUTH_DISABLE_USERNAME_PASSWORD
  value: {{ $auth.disableUsernamePassword | toString | quote }}
{{- end }}
{{- range $provider, $options := ($auth.providers | default dict) }}
{{- $p := $provider | snakecase | upper }}
{{- range $option, $v := ($options | default dict) }}
{{- $envName := printf "AUTH_%s_%s" $p ($option | snakecase | upper) }}
{{- include "langfuse.vos.env" (dict "name" $envName "src" $v "key" (printf "langfuse.auth.providers.%s.%s" $provider $option)) }}
{{- end }}
{{- end }}
{{- end -}}

{{/* ------------------------------------------------------------- PostgreSQL */}}

{{- define "langfuse.databaseEnv" -}}
{{- $pg := .Values.postgresql -}}
{{- $auth := $pg.auth | default dict -}}
{{- $urlOverride := include "langfuse.hasGlobalEnv" (dict "root" . "name" "DATABASE_URL") -}}
{{- $host := $pg.host -}}
{{- if and (not $host) $pg.deploy -}}
{{- $host = include "langfuse.subchartFullname" (list . "postgresql") -}}
{{- end -}}
{{- if not $urlOverride }}
{{- if $host }}
- name: DATABASE_HOST
  value: {{ $host | quote }}
{{- end }}
{{- end }}
{{- if $pg.port }}
- name: DATABASE_PORT
  value: {{ $pg.port | toString | quote }}
{{- end }}
{{- if not $urlOverride }}
- name: DATABASE_USERNAME
  value: {{ $auth.username | toString | quote }}
{{- if $auth.existingSecret }}
{{- $passwordKey := ($auth.secretKeys | default dict).userPasswordKey }}
{{- if not $passwordKey }}
{{- fail "postgresql.auth.secretKeys.userPasswordKey is required when postgresql.auth.existingSecret is set" }}
{{- end }}
{{- include "langfuse.secretEnv" (dict "name" "DATABASE_PASSWORD" "secret" $auth.existingSecret "key" $passwordKey) }}
{{- else if $pg.deploy }}
{{- include "langfuse.secretEnv" (dict "name" "DATABASE_PASSWORD" "secret" (($pg.settings | default dict).existingSecret | default "langfuse-postgresql-auth") "key" "USERDB_PASSWORD") }}
{{- else if $auth.password }}
- name: DATABASE_PASSWORD
  value: {{ $auth.password | toString | quote }}
{{- else }}
{{- fail "postgresql.auth.password or postgresql.auth.existingSecret is required when postgresql.deploy is false (or set DATABASE_URL in langfuse.additionalEnv)" }}
{{- end }}
{{- end }}
- name: DATABASE_NAME
  value: {{ $auth.database | toString | quote }}
{{- if $pg.args }}
- name: DATABASE_ARGS
  value: {{ $pg.args | quote }}
{{- end }}
{{- if $pg.directUrl }}
- name: DIRECT_URL
  value: {{ $pg.directUrl | quote }}
{{- end }}
{{- if $pg.shadowDatabaseUrl }}
- name: SHADOW_DATABASE_URL
  value: {{ $pg.shadowDatabaseUrl | quote }}
{{- end }}
- name: LANGFUSE_AUTO_POSTGRES_MIGRATION_DISABLED
  value: {{ not ($pg.migration | default dict).autoMigrate | quote }}
{{- end -}}

{{/* ------------------------------------------------------------------ Redis */}}

{{- define "langfuse.redisEnv" -}}
{{- $r := .Values.redis -}}
{{- $auth := $r.auth | default dict -}}
{{- $tls := $r.tls | default dict -}}
{{- $cluster := $r.cluster | default dict -}}
{{- $sentinel := $r.sentinel | default dict -}}
{{- $host := $r.host -}}
{{- if and (not $host) $r.deploy -}}
{{- $host = include "langfuse.subchartFullname" (list . "redis") -}}
{{- end -}}
{{- $hasPassword := false }}
{{- if $auth.existingSecret }}
{{- if not $auth.existingSecretPasswordKey }}
{{- fail "redis.auth.existingSecretPasswordKey is required when redis.auth.existingSecret is set" }}
{{- end }}
{{- $hasPassword = true }}
{{- include "langfuse.secretEnv" (dict "name" "REDIS_PASSWORD" "secret" $auth.existingSecret "key" $auth.existingSecretPasswordKey) }}
{{- else if $auth.password }}
{{- $hasPassword = true }}
- name: REDIS_PASSWORD
  value: {{ $auth.password | toString | quote }}
{{- else if $r.deploy }}
{{- $hasPassword = true }}
{{- include "langfuse.secretEnv" (dict "name" "REDIS_PASSWORD" "secret" ($auth.usersExistingSecret | default "langfuse-redis-auth") "key" ($auth.username | toString)) }}
{{- end }}
{{- if $cluster.enabled }}
- name: REDIS_CLUSTER_ENABLED
  value: "true"
{{- if not (include "langfuse.hasGlobalEnv" (dict "root" . "name" "REDIS_CLUSTER_NODES")) }}
- name: REDIS_CLUSTER_NODES
  value: {{ join "," ($cluster.nodes | default list) | quote }}
{{- end }}
{{- if $hasPassword }}
- name: REDIS_AUTH
  value: "$(REDIS_PASSWORD)"
{{- end }}
{{- else if $sentinel.enabled }}
- name: REDIS_SENTINEL_ENABLED
  value: "true"
- name: REDIS_SENTINEL_MASTER_NAME
  value: {{ required "redis.sentinel.masterName is required when redis.sentinel.enabled is true" $sentinel.masterName | quote }}
{{- if not (include "langfuse.hasGlobalEnv" (dict "root" . "name" "REDIS_SENTINEL_NODES")) }}
- name: REDIS_SENTINEL_NODES
  value: {{ required "redis.sentinel.nodes is required when redis.sentinel.enabled is true" $sentinel.nodes | quote }}
{{- end }}
{{- if $sentinel.username }}
- name: REDIS_SENTINEL_USERNAME
  value: {{ $sentinel.username | quote }}
{{- end }}
{{- if $sentinel.existingSecret }}
{{- if not $sentinel.existingSecretPasswordKey }}
{{- fail "redis.sentinel.existingSecretPasswordKey is required when redis.sentinel.existingSecret is set" }}
{{- end }}
{{- include "langfuse.secretEnv" (dict "name" "REDIS_SENTINEL_PASSWORD" "secret" $sentinel.existingSecret "key" $sentinel.existingSecretPasswordKey) }}
{{- else if $sentinel.password }}
- name: REDIS_SENTINEL_PASSWORD
  value: {{ $sentinel.password | toString | quote }}
{{- end }}
{{- if $hasPassword }}
- name: REDIS_AUTH
  value: "$(REDIS_PASSWORD)"
{{- end }}
{{- else if not (include "langfuse.hasGlobalEnv" (dict "root" . "name" "REDIS_CONNECTION_STRING")) }}
{{- $scheme := ternary "rediss" "redis" (eq (toString $tls.enabled) "true") }}
{{- $user := "" }}
{{- if not (kindIs "invalid" $auth.username) }}{{ $user = toString $auth.username }}{{ end }}
{{- $userinfo := $user }}
{{- if $hasPassword }}{{ $userinfo = printf "%s:$(REDIS_PASSWORD)" $user }}{{ end }}
{{- $at := ternary (printf "%s@" $userinfo) "" (ne $userinfo "") }}
- name: REDIS_CONNECTION_STRING
  value: {{ printf "%s://%s%s:%v/%v" $scheme $at $host ($r.port | default 6379) ($auth.database | default 0) | quote }}
{{- end }}
{{- if $tls.enabled }}
- name: REDIS_TLS_ENABLED
  value: "true"
{{- if $tls.caPath }}
- name: REDIS_TLS_CA_PATH
  value: {{ $tls.caPath | quote }}
{{- end }}
{{- if $tls.certPath }}
- name: REDIS_TLS_CERT_PATH
  value: {{ $tls.certPath | quote }}
{{- end }}
{{- if $tls.keyPath }}
- name: REDIS_TLS_KEY_PATH
  value: {{ $tls.keyPath | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* ------------------------------------------------------------- ClickHouse */}}

{{- define "langfuse.clickhouseEnv" -}}
{{- $ch := .Values.clickhouse -}}
{{- $auth := $ch.auth | default dict -}}
{{- $migration := $ch.migration | default dict -}}
{{- $fullname := include "langfuse.fullname" . -}}
{{- if and (or $ch.host $ch.deploy) (not (include "langfuse.hasGlobalEnv" (dict "root" . "name" "CLICKHOUSE_MIGRATION_URL"))) -}}
{{- $host := $ch.host | default (printf "%s-clickhouse-headless" $fullname) -}}
{{- $proto := "http" -}}
{{- if hasPrefix "https://" $host -}}
{{- $proto = "https" -}}
{{- $host = trimPrefix "https://" $host -}}
{{- else if hasPrefix "http://" $host -}}
{{- $host = trimPrefix "http://" $host -}}
{{- end }}
- name: CLICKHOUSE_URL
  value: {{ printf "%s://%s:%v" $proto $host ($ch.httpPort | default 8123) | quote }}
- name: CLICKHOUSE_MIGRATION_URL
  value: {{ $migration.url | default (printf "clickhouse://%s:%v" $host ($ch.nativePort | default 9000)) | quote }}
- name: CLICKHOUSE_USER
  value: {{ $auth.username | toString | quote }}
{{- if $auth.existingSecret }}
{{- if not $auth.existingSecretKey }}
{{- fail "clickhouse.auth.existingSecretKey is required when clickhouse.auth.existingSecret is set" }}
{{- end }}
{{- include "langfuse.secretEnv" (dict "name" "CLICKHOUSE_PASSWORD" "secret" $auth.existingSecret "key" $auth.existingSecretKey) }}
{{- else if $auth.password }}
- name: CLICKHOUSE_PASSWORD
  value: {{ $auth.password | toString | quote }}
{{- else if $ch.deploy }}
{{- include "langfuse.secretEnv" (dict "name" "CLICKHOUSE_PASSWORD" "secret" (printf "%s-clickhouse-auth" $fullname) "key" "password") }}
{{- end }}
- name: CLICKHOUSE_DB
  value: {{ $ch.database | toString | quote }}
- name: CLICKHOUSE_CLUSTER_ENABLED
  value: {{ ($ch.cluster | default dict).enabled | default false | quote }}
- name: CLICKHOUSE_MIGRATION_SSL
  value: {{ $migration.ssl | default false | quote }}
- name: LANGFUSE_AUTO_CLICKHOUSE_MIGRATION_DISABLED
  value: {{ not $migration.autoMigrate | quote }}
{{- end }}
{{- end -}}

{{/* --------------------------------------------------------------------- S3 */}}

{{/* Upload types: values key, env infix, whether "enabled" gates the env. */}}
{{- define "langfuse.s3UploadTypes" -}}
- {key: eventUpload, env: EVENT_UPLOAD, gated: false, prefixFallback: false}
- {key: batchExport, env: BATCH_EXPORT, gated: true, prefixFallback: true}
- {key: mediaUpload, env: MEDIA_UPLOAD, gated: false, prefixFallback: true}
{{- end -}}

{{/* Bucket of an upload type, "" when none. Argument: list root typeKey. */}}
{{- define "langfuse.s3Bucket" -}}
{{- $s := (index . 0).Values.s3 -}}
{{- $t := index $s (index . 1) | default dict -}}
{{- if $s.deploy -}}
{{- coalesce $t.bucket $s.bucket $s.defaultBuckets | default "" -}}
{{- else -}}
{{- coalesce $t.bucket $s.bucket | default "" -}}
{{- end -}}
{{- end -}}

{{- define "langfuse.s3Env" -}}
{{- $s := .Values.s3 -}}
{{- $root := . -}}
{{- $auth := $s.auth | default dict -}}
{{- if eq (toString $s.storageProvider) "azure" }}
- name: LANGFUSE_USE_AZURE_BLOB
  value: "true"
{{- else if eq (toString $s.storageProvider) "gcs" }}
- name: LANGFUSE_USE_GOOGLE_CLOUD_STORAGE
  value: "true"
{{- include "langfuse.vos.env" (dict "name" "LANGFUSE_GOOGLE_CLOUD_STORAGE_CREDENTIALS" "src" ($s.gcs | default dict).credentials "key" "s3.gcs.credentials") }}
{{- end }}
{{- range $type := include "langfuse.s3UploadTypes" . | fromYamlArray }}
{{- $t := index $s $type.key | default dict }}
{{- $envp := printf "LANGFUSE_S3_%s" $type.env }}
{{- if eq $type.key "batchExport" }}
- name: LANGFUSE_S3_BATCH_EXPORT_ENABLED
  value: {{ $t.enabled | default false | quote }}
{{- end }}
{{- if or (not $type.gated) $t.enabled }}
{{- $bucket := include "langfuse.s3Bucket" (list $root $type.key) }}
{{- if not $bucket }}
{{- fail (printf "s3.[%s].bucket is required: set s3.%s.bucket or s3.bucket" $type.key $type.key) }}
{{- end }}
- name: {{ $envp }}_BUCKET
  value: {{ $bucket | quote }}
{{- $prefix := $t.prefix }}
{{- if $type.prefixFallback }}{{ $prefix = coalesce $t.prefix (get $s "prefix") }}{{ end }}
{{- if $prefix }}
- name: {{ $envp }}_PREFIX
  value: {{ $prefix | quote }}
{{- end }}
{{- with coalesce $t.region $s.region }}
- name: {{ $envp }}_REGION
  value: {{ . | quote }}
{{- end }}
{{- $endpoint := coalesce $t.endpoint $s.endpoint }}
{{- if and (not $endpoint) $s.deploy }}
{{- $endpoint = printf "http://%s:%v" (include "langfuse.subchartFullname" (list $root "s3")) ((($s.allInOne | default dict).s3 | default dict).port | default 8333) }}
{{- end }}
{{- if $endpoint }}
- name: {{ $envp }}_ENDPOINT
  value: {{ $endpoint | quote }}
{{- end }}
{{- range $cred := list (dict "key" "accessKeyId" "env" "ACCESS_KEY_ID" "rootKey" "rootUserSecretKey" "configKey" "accessKey") (dict "key" "secretAccessKey" "env" "SECRET_ACCESS_KEY" "rootKey" "rootPasswordSecretKey" "configKey" "secretKey") }}
{{- $own := index $t $cred.key }}
{{- $global := index $s $cred.key }}
{{- $name := printf "%s_%s" $envp $cred.env }}
{{- if include "langfuse.vos.provided" (dict "src" $own "key" (printf "s3.%s.%s" $type.key $cred.key)) }}
{{- include "langfuse.vos.env" (dict "name" $name "src" $own "key" (printf "s3.%s.%s" $type.key $cred.key)) }}
{{- else if include "langfuse.vos.provided" (dict "src" $global "key" (printf "s3.%s" $cred.key)) }}
{{- include "langfuse.vos.env" (dict "name" $name "src" $global "key" (printf "s3.%s" $cred.key)) }}
{{- else if $s.deploy }}
{{- if $auth.existingSecret }}
{{- $k := index $auth $cred.rootKey }}
{{- if not $k }}
{{- fail (printf "s3.auth.%s is required when s3.auth.existingSecret is set" $cred.rootKey) }}
{{- end }}
{{- include "langfuse.secretEnv" (dict "name" $name "secret" $auth.existingSecret "key" $k) }}
{{- else }}
{{- include "langfuse.secretEnv" (dict "name" $name "secret" ((($s.allInOne | default dict).s3 | default dict).existingConfigSecret | default "langfuse-s3-auth") "key" $cred.configKey) }}
{{- end }}
{{- end }}
{{- end }}
{{- $fps := $s.forcePathStyle }}
{{- if not (kindIs "invalid" $t.forcePathStyle) }}{{ $fps = $t.forcePathStyle }}{{ end }}
- name: {{ $envp }}_FORCE_PATH_STYLE
  value: {{ $fps | default false | quote }}
{{- end }}
{{- end }}
{{- with $s.mediaUpload.maxContentLength }}
- name: LANGFUSE_S3_MEDIA_MAX_CONTENT_LENGTH
  value: "{{ . }}"
{{- end }}
{{- with $s.mediaUpload.downloadUrlExpirySeconds }}
- name: LANGFUSE_S3_MEDIA_DOWNLOAD_URL_EXPIRY_SECONDS
  value: "{{ . }}"
{{- end }}
{{- $concurrency := $s.concurrency | default dict }}
{{- with $concurrency.reads }}
- name: LANGFUSE_S3_CONCURRENT_READS
  value: "{{ . }}"
{{- end }}
{{- with $concurrency.writes }}
- name: LANGFUSE_S3_CONCURRENT_WRITES
  value: "{{ . }}"
{{- end }}
{{- end -}}

{{/* ------------------------------------------------------ shared container env */}}

{{/* Everything the chart itself sets for both components. */}}
{{- define "langfuse.chartEnv" -}}
{{- include "langfuse.appEnv" . }}
{{- include "langfuse.databaseEnv" . }}
{{- include "langfuse.redisEnv" . }}
{{- include "langfuse.clickhouseEnv" . }}
{{- include "langfuse.s3Env" . }}
{{- end -}}

{{/* global + component additionalEnv. Argument: list root component. */}}
{{- define "langfuse.extraEnv" -}}
{{- $l := (index . 0).Values.langfuse -}}
{{- $c := index $l (index . 1) | default dict -}}
{{- $pod := $c.pod | default dict -}}
{{- toJson (concat ($l.additionalEnv | default list) ($pod.additionalEnv | default list)) -}}
{{- end -}}

{{/* Service account name used by the pods. */}}
{{- define "langfuse.serviceAccountName" -}}
{{- $sa := .Values.langfuse.serviceAccount | default dict -}}
{{- if $sa.create -}}
{{- $sa.name | default (include "langfuse.fullname" .) -}}
{{- else -}}
{{- $sa.name | default "default" -}}
{{- end -}}
{{- end -}}
