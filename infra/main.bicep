// SurveyFunctions on Azure: a Flex Consumption function app that reaches its storage, vault and
// Application Insights through one user-assigned managed identity. No account keys anywhere.
// Deployed by `azd up` (see docs/deploy.md); parameters come from main.parameters.json.
targetScope = 'subscription'

import { alwaysReadyInstance, rateLimitSettings } from 'app/api.bicep'

@minLength(1)
@maxLength(64)
@description('azd environment name (AZURE_ENV_NAME). Names the resource group rg-<name> and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan (see `az functionapp list-flexconsumption-locations`).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or CI principal running the deployment (azd fills AZURE_PRINCIPAL_ID). It gets the same storage data roles as the app, plus Key Vault Secrets User, so it can debug against Azure. Empty: nothing is granted.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
@description('Kind of principal that principalId names: User for a developer, ServicePrincipal for a CI federated login.')
param principalType string = 'User'

@secure()
@description('Admin key guarding /api/admin/* (SURVEYFUNCTIONS_ADMIN_KEY). Stored in Key Vault as admin-key. Empty: no secret is stored and the admin endpoints are off.')
param adminKey string = ''

@secure()
@minLength(1)
@description('Token signing keys (SURVEYFUNCTIONS_SIGNING_KEYS) as kid=base64key[;kid2=base64key], each key at least 32 bytes; the first signs, all verify. Stored in Key Vault as signing-keys.')
param signingKeys string

@description('Public base URL clients reach the API on, without a trailing slash (e.g. a custom domain). Empty: https://<default host name of the function app>.')
param publicBaseUrl string = ''

@minValue(1)
@maxValue(64)
@description('SurveyFunctions:VoteShards: partitions a new poll\'s votes are spread over.')
param voteShards int = 4

@minValue(60)
@maxValue(86400)
@description('SurveyFunctions:EmbedTokenSeconds: lifetime of embed tokens.')
param embedTokenSeconds int = 1800

@minValue(1)
@maxValue(100)
@description('SurveyFunctions:MaxDequeueCount: deliveries before a vote message is poisoned. Keep equal to extensions.queues.maxDequeueCount in host.json.')
param maxDequeueCount int = 5

@allowed([1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600])
@description('SurveyFunctions:CloserIntervalSeconds: the closing job\'s period, in both hosts: the Functions timer\'s schedule (ClosePollsSchedule) is derived from it. A divisor of 60 seconds or of 60 minutes, so it maps onto a CRON schedule.')
param closerIntervalSeconds int = 30

@allowed([1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600])
@description('SurveyFunctions:RecoveryIntervalSeconds: vote batches still waiting for aggregation after this long are re-announced (a process died before queuing their message), and completed survey sessions still uncounted after this long are counted. The recovery timers\' schedules are derived from it. A divisor of 60 seconds or of 60 minutes.')
param recoveryIntervalSeconds int = 60

@description('SurveyFunctions:PurgeRowsPerPass: rows one pass of a deleted survey\'s purge deletes at most before it queues the next (keeps a pass well inside functionTimeout).')
@minValue(1)
@maxValue(100000)
param purgeRowsPerPass int = 5000

@description('SurveyFunctions:ExportRetentionHours: how long a finished export file can be downloaded before the purge deletes it.')
@minValue(1)
@maxValue(8760)
param exportRetentionHours int = 168

@description('SurveyFunctions:EventRetentionDays: how many days events stay in the catch-up feed (GET /api/events).')
@minValue(1)
@maxValue(365)
param eventRetentionDays int = 30

@description('SurveyFunctions:PollResultsEventSeconds: a poll\'s coalesced poll.results event comes at most once per this many seconds; 0 turns it off.')
@minValue(0)
@maxValue(3600)
param pollResultsEventSeconds int = 10

@description('SurveyFunctions:IdempotencyKeyHours: how long a create or submit sent with an Idempotency-Key is remembered and replayed to retries.')
@minValue(1)
@maxValue(720)
param idempotencyKeyHours int = 24

@description('SurveyFunctions:IdempotencyLeaseSeconds: how long an unfinished request holds its Idempotency-Key (a crashed one frees it after this).')
@minValue(1)
@maxValue(3600)
param idempotencyLeaseSeconds int = 240

@minValue(1)
@maxValue(1000)
@description('Flex Consumption: the most instances the app scales out to.')
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
@description('Flex Consumption: memory per instance in MB (CPU and bandwidth scale with it).')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Flex Consumption: concurrent HTTP requests one instance takes before the platform adds another.')
param httpPerInstanceConcurrency int = 16

@description('Flex Consumption always-ready instances, e.g. [{ name: \'http\', instanceCount: 1 }, { name: \'function:AggregateVotes\', instanceCount: 1 }]. Empty: scale to zero when idle (billed only while running).')
param alwaysReady alwaysReadyInstance[] = []

@description('Rate limits on the public endpoints, per instance (README › Rate limits). The defaults pass a class of 30 behind one NAT and stop a script hammering from one address; limits across instances belong in front (Front Door, APIM).')
param rateLimits rateLimitSettings = {
  enabled: true
  windowSeconds: 60
  clientAddressHeader: ''
  readsPerAddress: 600
  votesPerAddress: 300
  votesPerFingerprint: 10
  takePerAddress: 600
  panelistsPerAddress: 600
  panelistsPerKey: 60
  responsesPerAddress: 600
  responsesPerAccessToken: 60
  authFailuresPerAddress: 30
}

@minValue(7)
@maxValue(90)
@description('Days a deleted Key Vault (and its secrets) stays recoverable. Fixed once the vault exists.')
param keyVaultSoftDeleteRetentionInDays int = 7

@description('Turn on Key Vault purge protection. Irreversible: the vault name then stays taken for the retention period after `azd down`. Recommended for production environments.')
param keyVaultEnablePurgeProtection bool = false

@minValue(30)
@maxValue(730)
@description('Days the Log Analytics workspace (and so Application Insights) keeps data.')
param logRetentionInDays int = 30

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'surveyfunctions'
}

var functionAppName = 'func-api-${resourceToken}'
// Container names: 3-63 lowercase letters, digits and single hyphens.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// Keep in step with src/SurveyFunctions.Core/Platform/StorageNames.cs.
var tableNames = [
  'tenants'
  'apikeys'
  'polls'
  'pollindex'
  'pollvotes'
  'pollschedule'
  'surveys'
  'surveyindex'
  'idcounters'
  'sessions'
  'sessioncompletions'
  'panelists'
  'surveyresponses'
  'exports'
  'events'
  'webhooks'
  'webhookdeliveries'
  'idempotency'
]
var queueNames = [
  'votes'
  'votes-poison'
  'surveypurge'
  'surveypurge-poison'
  'exports'
  'exports-poison'
  'webhookdeliveries'
  'webhookdeliveries-poison'
  'pollresults'
  'pollresults-poison'
]

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
      // Export files (StorageNames.ExportsContainer); the identity's Storage Blob Data Owner on the account covers it.
      'exports'
    ]
    tableNames: tableNames
    queueNames: queueNames
  }
}

module keyVault 'core/security/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultEnablePurgeProtection
    storeAdminKey: !empty(adminKey)
    adminKey: adminKey
    signingKeys: signingKeys
  }
}

// The app's identity: storage data (blob for deployment packages and timer locks, queue, table),
// vault secrets (Key Vault references) and App Insights ingestion (local auth is off).
module apiAccess 'core/security/access.bicep' = {
  name: 'api-access'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    grantMonitoringPublisher: true
  }
}

// The deploying principal, for local debugging against Azure.
module deployerAccess 'core/security/access.bicep' = if (!empty(principalId)) {
  name: 'deployer-access'
  scope: rg
  params: {
    principalId: principalId
    principalType: principalType
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    grantMonitoringPublisher: false
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    adminKeyReferenceUri: keyVault.outputs.adminKeyReferenceUri
    signingKeysReferenceUri: keyVault.outputs.signingKeysReferenceUri
    publicBaseUrl: publicBaseUrl
    voteShards: voteShards
    embedTokenSeconds: embedTokenSeconds
    maxDequeueCount: maxDequeueCount
    closerIntervalSeconds: closerIntervalSeconds
    recoveryIntervalSeconds: recoveryIntervalSeconds
    purgeRowsPerPass: purgeRowsPerPass
    exportRetentionHours: exportRetentionHours
    eventRetentionDays: eventRetentionDays
    pollResultsEventSeconds: pollResultsEventSeconds
    idempotencyKeyHours: idempotencyKeyHours
    idempotencyLeaseSeconds: idempotencyLeaseSeconds
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    alwaysReady: alwaysReady
    rateLimits: rateLimits
  }
  // The app must not start before its identity may read storage and the vault,
  // or the first Key Vault reference resolution and host start fail.
  dependsOn: [
    apiAccess
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
