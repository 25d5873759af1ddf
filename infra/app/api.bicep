// The SurveyFunctions API: a Linux Flex Consumption (FC1) plan and a .NET 10 isolated-worker
// function app running as one user-assigned identity. Its app settings are set in a separate
// config resource so they can use the app's own host name (SurveyFunctions__PublicBaseUrl).
@description('Function app name (globally unique: it becomes <name>.azurewebsites.net).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region of the plan and the app.')
param location string = resourceGroup().location

@description('Tags applied to the plan and the app.')
param tags { *: string } = {}

@description('azd service name this app hosts (azure.yaml); set as the azd-service-name tag azd deploy looks for.')
param serviceName string = 'api'

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (for AzureWebJobsStorage__clientId and App Insights Entra auth).')
param identityClientId string

@description('Storage account behind AzureWebJobsStorage (tables, queues, blob leases, deployment package).')
param storageAccountName string

@description('Blob container in that account holding the deployment package.')
param deploymentContainerName string

@description('Application Insights component receiving telemetry.')
param applicationInsightsName string

@description('Versionless Key Vault URI of the admin-key secret. Empty: SurveyFunctions__AdminKey is empty and the admin endpoints are off.')
param adminKeyReferenceUri string = ''

@description('Versionless Key Vault URI of the signing-keys secret.')
param signingKeysReferenceUri string

@description('Public base URL without a trailing slash. Empty: https://<default host name>.')
param publicBaseUrl string = ''

@description('SurveyFunctions__VoteShards.')
param voteShards int = 4

@description('SurveyFunctions__EmbedTokenSeconds.')
param embedTokenSeconds int = 1800

@description('SurveyFunctions__MaxDequeueCount (keep equal to host.json maxDequeueCount).')
param maxDequeueCount int = 5

@description('SurveyFunctions__CloserIntervalSeconds; the ClosePolls timer\'s schedule is derived from it.')
param closerIntervalSeconds int = 30

@description('SurveyFunctions__RecoveryIntervalSeconds; the recovery timers\' schedules are derived from it: vote batches older than this are re-announced, completed survey sessions uncounted for this long are counted.')
param recoveryIntervalSeconds int = 60

@description('SurveyFunctions__PurgeRowsPerPass: rows one pass of a deleted survey\'s purge deletes before it queues the next.')
param purgeRowsPerPass int = 5000

@description('SurveyFunctions__ExportRetentionHours: how long a finished export file can be downloaded before the purge deletes it.')
param exportRetentionHours int = 168

@description('SurveyFunctions__ExportBlockBytes: an export job stages a block and checkpoints each time a block holds this many bytes.')
param exportBlockBytes int = 4194304

@description('SurveyFunctions__EventRetentionDays: how many days events stay in the catch-up feed.')
param eventRetentionDays int = 30

@description('SurveyFunctions__WebhookAllowedHttpHosts: hosts webhooks may reach over plain http and at inner addresses. Empty in Azure: https to public addresses only.')
param webhookAllowedHttpHosts string = ''

@description('SurveyFunctions__WebhookSecretGraceHours: how long a rotated-out webhook secret still signs beside the new one.')
param webhookSecretGraceHours int = 24

@description('SurveyFunctions__WebhookTimeoutSeconds: how long one delivery attempt may take.')
param webhookTimeoutSeconds int = 10

@description('SurveyFunctions__WebhookFirstRetrySeconds: the wait before a failed delivery\'s first retry (each later one waits four times longer).')
param webhookFirstRetrySeconds int = 5

@description('SurveyFunctions__WebhookRetryHours: how long a failing delivery is retried.')
param webhookRetryHours int = 72

@description('SurveyFunctions__WebhookDisableAfterDays: an endpoint failing every attempt this long is disabled.')
param webhookDisableAfterDays int = 5

@description('SurveyFunctions__WebhookMaxDelaySeconds: longest a waiting delivery message stays invisible before it is looked at again.')
param webhookMaxDelaySeconds int = 3600

@description('SurveyFunctions__WebhookSweepIntervalSeconds; the SweepWebhooks timer\'s schedule is derived from it.')
param webhookSweepIntervalSeconds int = 60

@description('SurveyFunctions__PollResultsEventSeconds: a poll\'s coalesced poll.results event comes at most once per this many seconds; 0 turns it off.')
param pollResultsEventSeconds int = 10

@description('SurveyFunctions__IdempotencyKeyHours: how long a create or submit sent with an Idempotency-Key is remembered and replayed to retries.')
param idempotencyKeyHours int = 24

@description('SurveyFunctions__IdempotencyLeaseSeconds: how long an unfinished request holds its Idempotency-Key (a crashed one frees it after this).')
param idempotencyLeaseSeconds int = 240

@description('Flex Consumption: the most instances the app scales out to.')
param maximumInstanceCount int = 100

@description('Flex Consumption: memory per instance in MB.')
param instanceMemoryMB int = 2048

@description('Flex Consumption: concurrent HTTP requests per instance before scaling out.')
param httpPerInstanceConcurrency int = 16

@export()
@description('A Flex Consumption always-ready entry: a per-function scaling group (http, blob, durable) or function:<name>, and how many instances stay warm.')
type alwaysReadyInstance = {
  name: string
  @minValue(0)
  instanceCount: int
}

@description('Flex Consumption always-ready instances; empty scales to zero.')
param alwaysReady alwaysReadyInstance[] = []

@export()
@description('SurveyFunctions:RateLimits: token buckets of N requests, refilled at N per windowSeconds, kept by each instance on its own.')
type rateLimitSettings = {
  @description('SurveyFunctions:RateLimits:Enabled. Off only for load tests from one address.')
  enabled: bool
  @minValue(1)
  @maxValue(3600)
  windowSeconds: int
  @description('SurveyFunctions:RateLimits:ClientAddressHeader: the header a proxy in front sets to the client address (X-Azure-ClientIP behind Front Door). Empty: the address the platform front end saw. Set it only when the app takes traffic from that proxy alone, or clients choose their own address.')
  clientAddressHeader: string
  @minValue(1)
  readsPerAddress: int
  @minValue(1)
  votesPerAddress: int
  @minValue(0)
  votesPerFingerprint: int
  @minValue(1)
  takePerAddress: int
  @minValue(1)
  panelistsPerAddress: int
  @minValue(0)
  panelistsPerKey: int
  @minValue(1)
  responsesPerAddress: int
  @minValue(0)
  responsesPerAccessToken: int
  @description('SurveyFunctions:RateLimits:AuthFailures:PerAddress: wrong tenant or admin keys per address; with none left, requests with a key from there get 429 before any key lookup.')
  @minValue(1)
  authFailuresPerAddress: int
}

@description('Rate limits on the public endpoints (defaults in main.bicep).')
param rateLimits rateLimitSettings

@description('.NET isolated worker version (functionAppConfig.runtime.version).')
param runtimeVersion string = '10.0'

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The embed and vote endpoints are called from any site's browser; authentication is by
      // API key or signed token, never by cookie, so credentials stay off.
      cors: {
        allowedOrigins: [
          '*'
        ]
        supportCredentials: false
      }
    }
    // Flex Consumption takes runtime, scaling and the deployment source from here; it rejects the
    // FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE app settings.
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

@description('Six-field NCRONTAB, as Functions timers read it: every `seconds` (a divisor of 60, or whole minutes dividing 60), `offset` seconds into each period so timers stay off each other\'s beats.')
func everySeconds(seconds int, offset int) string =>
  seconds < 60
    ? '${offset % seconds}-59/${seconds} * * * * *'
    : seconds == 60 ? '${offset} * * * * *' : '${offset % 60} 0-59/${seconds / 60} * * * *'

var effectivePublicBaseUrl = empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Identity-based AzureWebJobsStorage: read by the Functions host (queue and timer triggers,
    // blob leases) and by the app's own table/queue clients. No connection string, no key.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table

    // Application Insights with local auth disabled: the host authenticates as the identity.
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // Secrets come from Key Vault references resolved with keyVaultReferenceIdentity.
    SurveyFunctions__AdminKey: empty(adminKeyReferenceUri) ? '' : '@Microsoft.KeyVault(SecretUri=${adminKeyReferenceUri})'
    SurveyFunctions__SigningKeys: '@Microsoft.KeyVault(SecretUri=${signingKeysReferenceUri})'

    SurveyFunctions__PublicBaseUrl: effectivePublicBaseUrl
    SurveyFunctions__VoteShards: string(voteShards)
    SurveyFunctions__EmbedTokenSeconds: string(embedTokenSeconds)
    SurveyFunctions__MaxDequeueCount: string(maxDequeueCount)
    SurveyFunctions__CloserIntervalSeconds: string(closerIntervalSeconds)
    SurveyFunctions__RecoveryIntervalSeconds: string(recoveryIntervalSeconds)
    // The Functions timers read their schedules from these (%Name% in the trigger), derived from the same intervals.
    ClosePollsSchedule: everySeconds(closerIntervalSeconds, 0)
    RecoverVoteBatchesSchedule: everySeconds(recoveryIntervalSeconds, 15)
    RecoverSurveyCountsSchedule: everySeconds(recoveryIntervalSeconds, 45)
    RecoverSurveyPurgesSchedule: everySeconds(recoveryIntervalSeconds, 5)
    RecoverEventsSchedule: everySeconds(recoveryIntervalSeconds, 25)
    SurveyFunctions__PurgeRowsPerPass: string(purgeRowsPerPass)
    PurgeExpiredExportsSchedule: everySeconds(recoveryIntervalSeconds, 35)
    PurgeIdempotencyKeysSchedule: everySeconds(recoveryIntervalSeconds, 55)
    SurveyFunctions__ExportRetentionHours: string(exportRetentionHours)
    SurveyFunctions__ExportBlockBytes: string(exportBlockBytes)
    SurveyFunctions__EventRetentionDays: string(eventRetentionDays)
    SurveyFunctions__WebhookAllowedHttpHosts: webhookAllowedHttpHosts
    SurveyFunctions__WebhookSecretGraceHours: string(webhookSecretGraceHours)
    SurveyFunctions__WebhookTimeoutSeconds: string(webhookTimeoutSeconds)
    SurveyFunctions__WebhookFirstRetrySeconds: string(webhookFirstRetrySeconds)
    SurveyFunctions__WebhookRetryHours: string(webhookRetryHours)
    SurveyFunctions__WebhookDisableAfterDays: string(webhookDisableAfterDays)
    SurveyFunctions__WebhookMaxDelaySeconds: string(webhookMaxDelaySeconds)
    SurveyFunctions__WebhookSweepIntervalSeconds: string(webhookSweepIntervalSeconds)
    SweepWebhooksSchedule: everySeconds(webhookSweepIntervalSeconds, 50)
    SurveyFunctions__PollResultsEventSeconds: string(pollResultsEventSeconds)
    SurveyFunctions__IdempotencyKeyHours: string(idempotencyKeyHours)
    SurveyFunctions__IdempotencyLeaseSeconds: string(idempotencyLeaseSeconds)

    SurveyFunctions__RateLimits__Enabled: string(rateLimits.enabled)
    SurveyFunctions__RateLimits__WindowSeconds: string(rateLimits.windowSeconds)
    SurveyFunctions__RateLimits__ClientAddressHeader: rateLimits.clientAddressHeader
    SurveyFunctions__RateLimits__Reads__PerAddress: string(rateLimits.readsPerAddress)
    SurveyFunctions__RateLimits__Votes__PerAddress: string(rateLimits.votesPerAddress)
    SurveyFunctions__RateLimits__Votes__PerCaller: string(rateLimits.votesPerFingerprint)
    SurveyFunctions__RateLimits__Take__PerAddress: string(rateLimits.takePerAddress)
    SurveyFunctions__RateLimits__Panelists__PerAddress: string(rateLimits.panelistsPerAddress)
    SurveyFunctions__RateLimits__Panelists__PerCaller: string(rateLimits.panelistsPerKey)
    SurveyFunctions__RateLimits__Responses__PerAddress: string(rateLimits.responsesPerAddress)
    SurveyFunctions__RateLimits__Responses__PerCaller: string(rateLimits.responsesPerAccessToken)
    SurveyFunctions__RateLimits__AuthFailures__PerAddress: string(rateLimits.authFailuresPerAddress)
  }
}

output id string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output uri string = 'https://${functionApp.properties.defaultHostName}/'
