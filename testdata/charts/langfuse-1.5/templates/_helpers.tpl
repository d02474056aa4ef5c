{{/*
valuesmith test double of the Langfuse chart 1.5.41, written from the
verified facts about its behaviour; not the upstream templates. The names,
labels and workload templates are those of the 2.0.0 double (upstream's are
byte-identical between the two releases); the env wiring and the
render-time checks are chart 1.x's.
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

{{/*
"true" when the chart 1.x override detection sees .name in the global
langfuse.additionalEnv (the only list it reads): it prints the value of each
entry of that name, so an entry counts unless its value is "" (an entry
without value, a valueFrom one, prints a placeholder and counts).
Argument: dict root name.
*/}}
{{- define "langfuse.envSeen" -}}
{{- $seen := false -}}
{{- range (.root.Values.langfuse.additionalEnv | default list) -}}
{{- if and (kindIs "map" .) (eq (toString (get . "name")) $.name) -}}
{{- $v := index . "value" | default "" -}}
{{- if or (not (hasKey . "value")) (kindIs "invalid" (index . "value")) (ne (toString $v) "") -}}
{{- $seen = true -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $seen }}true{{ end -}}
{{- end -}}

{{/* ------------------------------------------------------------ value or secret */}}

{{/*
Sources a value-or-secret field sets, as chart 1.x reads them, in its order
of preference: a secretKeyRef with name and key, a fieldRef with fieldPath,
a resourceFieldRef with resource, a non-empty value. Argument: the field.
Output: the kinds, comma-separated.
*/}}
{{- define "langfuse.vos.kinds" -}}
{{- $k := list -}}
{{- if kindIs "map" . -}}
{{- $ref := get . "secretKeyRef" -}}
{{- $field := get . "fieldRef" -}}
{{- $res := get . "resourceFieldRef" -}}
{{- if and (kindIs "map" $ref) (get $ref "name") (get $ref "key") }}{{ $k = append $k "secretKeyRef" }}{{ end -}}
{{- if and (kindIs "map" $field) (get $field "fieldPath") }}{{ $k = append $k "fieldRef" }}{{ end -}}
{{- if and (kindIs "map" $res) (get $res "resource") }}{{ $k = append $k "resourceFieldRef" }}{{ end -}}
{{- if get . "value" }}{{ $k = append $k "value" }}{{ end -}}
{{- end -}}
{{- join "," $k -}}
{{- end -}}

{{/*
One env entry from a value-or-secret field, nothing when it sets no source.
A plain value where an object belongs, or two sources, fail.
Argument: dict name (env var) src (field) key (values path).
*/}}
{{- define "langfuse.vos.env" -}}
{{- if and (not (kindIs "invalid" .src)) (not (kindIs "map" .src)) -}}
{{- fail (printf "%s must be an object (value, secretKeyRef, fieldRef or resourceFieldRef), not a plain value" .key) -}}
{{- end -}}
{{- $kinds := include "langfuse.vos.kinds" .src | splitList "," | compact -}}
{{- if gt (len $kinds) 1 -}}
{{- fail (printf "%s sets %s, which are mutually exclusive" .key (join " and " $kinds)) -}}
{{- end -}}
{{- if $kinds -}}
{{- $s := .src -}}
{{- $kind := first $kinds }}
- name: {{ .name }}
{{- if eq $kind "value" }}
  value: {{ get $s "value" | toString | quote }}
{{- else if eq $kind "secretKeyRef" }}
  valueFrom:
    secretKeyRef:
      name: {{ $s.secretKeyRef.name | toString | quote }}
      key: {{ $s.secretKeyRef.key | toString | quote }}
{{- else if eq $kind "fieldRef" }}
  valueFrom:
    fieldRef:
      fieldPath: {{ $s.fieldRef.fieldPath | toString | quote }}
      {{- with get $s.fieldRef "apiVersion" }}
      apiVersion: {{ . | toString | quote }}
      {{- end }}
{{- else }}
  valueFrom:
    resourceFieldRef:
      resource: {{ $s.resourceFieldRef.resource | toString | quote }}
      {{- with get $s.resourceFieldRef "containerName" }}
      containerName: {{ . | toString | quote }}
      {{- end }}
      {{- with get $s.resourceFieldRef "divisor" }}
      divisor: {{ . | toString | quote }}
      {{- end }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* As langfuse.vos.env, but a field without a source fails: chart 1.x
generates no application secret. Argument: dict name src key. */}}
{{- define "langfuse.vos.requiredEnv" -}}
{{- $out := include "langfuse.vos.env" . -}}
{{- if not $out -}}
{{- fail (printf "%s has no value, secretKeyRef (name and key), fieldRef or resourceFieldRef; chart 1.x requires it" .key) -}}
{{- end -}}
{{- $out -}}
{{- end -}}

{{/* A plain env entry referencing a Secret key. Argument: dict name secret key. */}}
{{- define "langfuse.secretEnv" }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | toString | quote }}
      key: {{ .key | toString | quote }}
{{- end -}}

{{/* ---------------------------------------------------------------- app env */}}

{{- define "langfuse.appEnv" -}}
{{- $l := .Values.langfuse -}}
{{- $nextauth := $l.nextauth | default dict -}}
{{- $logging := $l.logging | default dict -}}
{{- $features := $l.features | default dict }}
- name: NODE_ENV
  value: {{ $l.nodeEnv | quote }}
- name: LANGFUSE_LOG_LEVEL
  value: {{ $logging.level | quote }}
- name: LANGFUSE_LOG_FORMAT
  value: {{ $logging.format | quote }}
{{- include "langfuse.vos.requiredEnv" (dict "name" "SALT" "src" $l.salt "key" "langfuse.salt") }}
{{- include "langfuse.vos.env" (dict "name" "ENCRYPTION_KEY" "src" $l.encryptionKey "key" "langfuse.encryptionKey") }}
{{- include "langfuse.vos.env" (dict "name" "LANGFUSE_EE_LICENSE_KEY" "src" $l.licenseKey "key" "langfuse.licenseKey") }}
- name: TELEMETRY_ENABLED
  value: {{ $features.telemetryEnabled | quote }}
- name: AUTH_DISABLE_SIGNUP
  value: {{ $features.signUpDisabled | quote }}
- name: ENABLE_EXPERIMENTAL_FEATURES
  value: {{ $features.experimentalFeaturesEnabled | quote }}
{{- $smtp := $l.smtp | default dict }}
{{- if $smtp.connectionUrl }}
- name: SMTP_CONNECTION_URL
  value: {{ $smtp.connectionUrl | quote }}
- name: EMAIL_FROM_ADDRESS
  value: {{ required "langfuse.smtp.fromAddress is required when langfuse.smtp.connectionUrl is set" $smtp.fromAddress | quote }}
{{- end }}
{{- with $l.allowedOrganizationCreators }}
- name: LANGFUSE_ALLOWED_ORGANIZATION_CREATORS
  value: {{ join "," . | quote }}
{{- end }}
- name: NEXTAUTH_URL
  value: {{ $nextauth.url | quote }}
{{- include "langfuse.vos.requiredEnv" (dict "name" "NEXTAUTH_SECRET" "src" $nextauth.secret "key" "langfuse.nextauth.secret") }}
{{- $auth := $l.auth | default dict }}
{{- if hasKey $auth "disableUsernamePassword" }}
- name: AUTH_DISABLE_USERNAME_PASSWORD
  value: {{ $auth.disableUsernamePassword | quote }}
{{- end }}
{{- range $provider, $options := ($auth.providers | default dict) }}
{{- $p := $provider | snakecase | upper }}
{{- range $option, $v := ($options | default dict) }}
{{- $envName := printf "AUTH_%s_%s" $p ($option | snakecase | upper) }}
{{- if and $v (kindIs "map" $v) }}
{{- include "langfuse.vos.env" (dict "name" $envName "src" $v "key" (printf "langfuse.auth.providers.%s.%s" $provider $option)) }}
{{- else if $v }}
- name: {{ $envName }}
  value: {{ $v | quote }}
{{- else }}
- name: {{ $envName }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* ------------------------------------------------------------- PostgreSQL */}}

{{/* Chart 1.x names the bundled database after its own fullname. */}}
{{- define "langfuse.databaseEnv" -}}
{{- $pg := .Values.postgresql -}}
{{- $auth := $pg.auth | default dict -}}
{{- if not (include "langfuse.envSeen" (dict "root" . "name" "DATABASE_URL")) }}
{{- $host := $pg.host | default "" }}
{{- if and (not $host) $pg.deploy }}{{ $host = printf "%s-postgresql" (include "langfuse.fullname" .) }}{{ end }}
- name: DATABASE_HOST
  value: {{ $host | quote }}
{{- if $pg.port }}
- name: DATABASE_PORT
  value: {{ $pg.port | quote }}
{{- end }}
{{- if $auth.username }}
- name: DATABASE_USERNAME
  value: {{ $auth.username | quote }}
{{- end }}
{{- if $auth.existingSecret }}
{{- include "langfuse.secretEnv" (dict "name" "DATABASE_PASSWORD" "secret" $auth.existingSecret "key" (required "postgresql.auth.secretKeys.userPasswordKey is required when postgresql.auth.existingSecret is set" ($auth.secretKeys | default dict).userPasswordKey)) }}
{{- else }}
- name: DATABASE_PASSWORD
  value: {{ required "postgresql.auth.password or postgresql.auth.existingSecret is required by chart 1.x, even with postgresql.deploy (or set DATABASE_URL in langfuse.additionalEnv)" $auth.password | quote }}
{{- end }}
{{- end }}
{{- if $auth.database }}
- name: DATABASE_NAME
  value: {{ $auth.database | quote }}
{{- end }}
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

{{/* TLS settings of Redis. Argument: redis.tls. */}}
{{- define "langfuse.redisTLSPaths" -}}
{{- if .enabled }}
{{- with .caPath }}
- name: REDIS_TLS_CA_PATH
  value: {{ . | quote }}
{{- end }}
{{- with .certPath }}
- name: REDIS_TLS_CERT_PATH
  value: {{ . | quote }}
{{- end }}
{{- with .keyPath }}
- name: REDIS_TLS_KEY_PATH
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Chart 1.x names the bundled Valkey's primary after its own fullname and
the sub-chart's nameOverride. */}}
{{- define "langfuse.redisEnv" -}}
{{- $r := .Values.redis -}}
{{- $auth := $r.auth | default dict -}}
{{- $tls := $r.tls | default dict -}}
{{- $cluster := $r.cluster | default dict -}}
{{- $sentinel := $r.sentinel | default dict -}}
{{- $hasPassword := or $auth.existingSecret $auth.password -}}
{{- if $auth.existingSecret }}
{{- include "langfuse.secretEnv" (dict "name" "REDIS_PASSWORD" "secret" $auth.existingSecret "key" (required "redis.auth.existingSecretPasswordKey is required when redis.auth.existingSecret is set" $auth.existingSecretPasswordKey)) }}
{{- else if $auth.password }}
- name: REDIS_PASSWORD
  value: {{ $auth.password | quote }}
{{- end }}
{{- if $cluster.enabled }}
{{- if not (include "langfuse.envSeen" (dict "root" . "name" "REDIS_CLUSTER_NODES")) }}
- name: REDIS_CLUSTER_ENABLED
  value: "true"
- name: REDIS_CLUSTER_NODES
  value: {{ join "," ($cluster.nodes | default list) | quote }}
{{- if $hasPassword }}
- name: REDIS_AUTH
  value: "$(REDIS_PASSWORD)"
{{- end }}
- name: REDIS_TLS_ENABLED
  value: {{ $tls.enabled | quote }}
{{- include "langfuse.redisTLSPaths" $tls }}
{{- end }}
{{- else if $sentinel.enabled }}
{{- if not (include "langfuse.envSeen" (dict "root" . "name" "REDIS_SENTINEL_NODES")) }}
- name: REDIS_SENTINEL_ENABLED
  value: "true"
- name: REDIS_SENTINEL_MASTER_NAME
  value: {{ required "redis.sentinel.masterName is required when redis.sentinel.enabled is true" $sentinel.masterName | quote }}
- name: REDIS_SENTINEL_NODES
  value: {{ required "redis.sentinel.nodes is required when redis.sentinel.enabled is true" $sentinel.nodes | quote }}
{{- with $sentinel.username }}
- name: REDIS_SENTINEL_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- if $sentinel.existingSecret }}
{{- include "langfuse.secretEnv" (dict "name" "REDIS_SENTINEL_PASSWORD" "secret" $sentinel.existingSecret "key" (required "redis.sentinel.existingSecretPasswordKey is required when redis.sentinel.existingSecret is set" $sentinel.existingSecretPasswordKey)) }}
{{- else if $sentinel.password }}
- name: REDIS_SENTINEL_PASSWORD
  value: {{ $sentinel.password | quote }}
{{- end }}
{{- if $hasPassword }}
- name: REDIS_AUTH
  value: "$(REDIS_PASSWORD)"
{{- end }}
- name: REDIS_TLS_ENABLED
  value: {{ $tls.enabled | quote }}
{{- include "langfuse.redisTLSPaths" $tls }}
{{- end }}
{{- else }}
{{- if not (include "langfuse.envSeen" (dict "root" . "name" "REDIS_CONNECTION_STRING")) }}
{{- $host := $r.host | default "" }}
{{- if and (not $host) $r.deploy }}{{ $host = printf "%s-%s-primary" (include "langfuse.fullname" .) ($r.nameOverride | default "redis") }}{{ end }}
{{- $userinfo := "" }}
{{- if and $auth.username $hasPassword }}{{ $userinfo = printf "%v:$(REDIS_PASSWORD)@" $auth.username }}
{{- else if $hasPassword }}{{ $userinfo = ":$(REDIS_PASSWORD)@" }}
{{- else if $auth.username }}{{ $userinfo = printf "%v@" $auth.username }}
{{- end }}
- name: REDIS_TLS_ENABLED
  value: {{ $tls.enabled | quote }}
- name: REDIS_CONNECTION_STRING
  value: {{ printf "%s://%s%s:%v/%v" (ternary "rediss" "redis" (not (not $tls.enabled))) $userinfo $host $r.port $auth.database | quote }}
{{- end }}
{{- include "langfuse.redisTLSPaths" $tls }}
{{- end }}
{{- end -}}

{{/* ------------------------------------------------------------- ClickHouse */}}

{{/*
Chart 1.x names the bundled ClickHouse after its own fullname. Cluster mode
is only ever switched off: CLICKHOUSE_CLUSTER_ENABLED=false when
clickhouse.clusterEnabled is false, or when the bundled ClickHouse runs one
replica; otherwise the application's default (on) applies.
*/}}
{{- define "langfuse.clickhouseEnv" -}}
{{- $ch := .Values.clickhouse -}}
{{- $auth := $ch.auth | default dict -}}
{{- $migration := $ch.migration | default dict -}}
{{- if not (include "langfuse.envSeen" (dict "root" . "name" "CLICKHOUSE_MIGRATION_URL")) -}}
{{- $host := $ch.host | default "" -}}
{{- $proto := "http" -}}
{{- if hasPrefix "https://" $host -}}
{{- $proto = "https" -}}
{{- $host = trimPrefix "https://" $host -}}
{{- else if hasPrefix "http://" $host -}}
{{- $host = trimPrefix "http://" $host -}}
{{- end -}}
{{- if and (not $host) $ch.deploy -}}
{{- $host = printf "%s-clickhouse" (include "langfuse.fullname" .) -}}
{{- end -}}
{{- if or $migration.url $ch.host $ch.deploy }}
- name: CLICKHOUSE_MIGRATION_URL
  value: {{ $migration.url | default (printf "clickhouse://%s:%v" $host $ch.nativePort) | quote }}
{{- end }}
{{- if or (hasKey $migration "ssl") $ch.deploy }}
- name: CLICKHOUSE_MIGRATION_SSL
  value: {{ $migration.ssl | quote }}
{{- end }}
{{- if or $ch.host $ch.deploy }}
- name: CLICKHOUSE_URL
  value: {{ printf "%s://%s:%v" $proto $host $ch.httpPort | quote }}
{{- end }}
{{- if or (hasKey $ch "database") $ch.deploy }}
- name: CLICKHOUSE_DB
  value: {{ $ch.database | quote }}
{{- end }}
{{- if $ch.deploy }}
- name: CLICKHOUSE_USER
  value: {{ required "clickhouse.auth.username is required when clickhouse.deploy is true" $auth.username | quote }}
{{- else if $auth.username }}
- name: CLICKHOUSE_USER
  value: {{ $auth.username | quote }}
{{- end }}
{{- if $auth.existingSecret }}
{{- include "langfuse.secretEnv" (dict "name" "CLICKHOUSE_PASSWORD" "secret" $auth.existingSecret "key" (required "clickhouse.auth.existingSecretKey is required when clickhouse.auth.existingSecret is set" $auth.existingSecretKey)) }}
{{- else if $auth.password }}
- name: CLICKHOUSE_PASSWORD
  value: {{ $auth.password | quote }}
{{- else if $ch.deploy }}
- name: CLICKHOUSE_PASSWORD
  value: {{ required "clickhouse.auth.password or clickhouse.auth.existingSecret is required when clickhouse.deploy is true" $auth.password | quote }}
{{- end }}
{{- if or (not $ch.clusterEnabled) (and $ch.deploy (eq (int $ch.replicaCount) 1)) }}
- name: CLICKHOUSE_CLUSTER_ENABLED
  value: "false"
{{- end }}
{{- if or (hasKey $migration "autoMigrate") $ch.deploy }}
- name: LANGFUSE_AUTO_CLICKHOUSE_MIGRATION_DISABLED
  value: {{ not $migration.autoMigrate | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* --------------------------------------------------------------------- S3 */}}

{{/* Upload types: values key, env infix, whether "enabled" gates the env,
whether the prefix falls back to s3.prefix. */}}
{{- define "langfuse.s3UploadTypes" -}}
- {key: eventUpload, env: EVENT_UPLOAD, gated: false, prefixFallback: false}
- {key: batchExport, env: BATCH_EXPORT, gated: true, prefixFallback: true}
- {key: mediaUpload, env: MEDIA_UPLOAD, gated: false, prefixFallback: true}
{{- end -}}

{{/* Bucket of an upload type, "" when none; the bundled MinIO adds
s3.defaultBuckets as the last fallback. Argument: list root typeKey. */}}
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
  value: {{ $t.enabled | quote }}
{{- end }}
{{- if or (not $type.gated) $t.enabled }}
{{- $bucket := include "langfuse.s3Bucket" (list $root $type.key) }}
- name: {{ $envp }}_BUCKET
  value: {{ required (printf "s3.%s.bucket or s3.bucket is required (the bundled MinIO also falls back to s3.defaultBuckets)" $type.key) $bucket | quote }}
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
{{- $endpoint = printf "http://%s-%s:9000" (include "langfuse.fullname" $root) ($s.nameOverride | default "s3") }}
{{- end }}
{{- if $endpoint }}
- name: {{ $envp }}_ENDPOINT
  value: {{ $endpoint | quote }}
{{- end }}
{{- range $cred := list (dict "key" "accessKeyId" "env" "ACCESS_KEY_ID" "secretKey" "rootUserSecretKey" "plain" "rootUser") (dict "key" "secretAccessKey" "env" "SECRET_ACCESS_KEY" "secretKey" "rootPasswordSecretKey" "plain" "rootPassword") }}
{{- $name := printf "%s_%s" $envp $cred.env }}
{{- $own := include "langfuse.vos.env" (dict "name" $name "src" (index $t $cred.key) "key" (printf "s3.%s.%s" $type.key $cred.key)) }}
{{- if $own }}
{{- $own }}
{{- else }}
{{- $global := include "langfuse.vos.env" (dict "name" $name "src" (index $s $cred.key) "key" (printf "s3.%s" $cred.key)) }}
{{- if $global }}
{{- $global }}
{{- else if $s.deploy }}
{{- if and $auth.existingSecret (index $auth $cred.secretKey) }}
{{- include "langfuse.secretEnv" (dict "name" $name "secret" $auth.existingSecret "key" (index $auth $cred.secretKey)) }}
{{- else }}
- name: {{ $name }}
  value: {{ index $auth $cred.plain | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if or (hasKey $t "forcePathStyle") (hasKey $s "forcePathStyle") }}
- name: {{ $envp }}_FORCE_PATH_STYLE
  value: {{ $t.forcePathStyle | default $s.forcePathStyle | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- $media := $s.mediaUpload | default dict }}
- name: LANGFUSE_S3_MEDIA_UPLOAD_MAX_CONTENT_LENGTH
  value: {{ $media.maxContentLength | quote }}
- name: LANGFUSE_S3_MEDIA_UPLOAD_DOWNLOAD_URL_EXPIRY_SECONDS
  value: {{ $media.downloadUrlExpirySeconds | quote }}
{{- $concurrency := $s.concurrency | default dict }}
{{- if hasKey $concurrency "reads" }}
- name: LANGFUSE_S3_CONCURRENT_READS
  value: {{ $concurrency.reads | quote }}
{{- end }}
{{- if hasKey $concurrency "writes" }}
- name: LANGFUSE_S3_CONCURRENT_WRITES
  value: {{ $concurrency.writes | quote }}
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
