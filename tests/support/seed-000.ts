// The context distribution seed (000) as test data: its complete code-generation example as a
// POST /api/v1/coordinations body, and the defaults PRODUCT.md gives, written out literally so a
// test notices when the code's defaults drift from the contract.

export const DEFAULT_RESOURCE_ALLOCATION = {
  max_execution_time_ms: 300_000,
  max_retry_attempts: 3,
  max_memory_mb: 512,
  quality_threshold: 0.8,
  timeout_ms: 30_000,
  concurrency_limit: 10,
} as const;

export const DEFAULT_COORDINATION_PROTOCOLS = {
  update_interval_ms: 5000,
  heartbeat_interval_ms: 10_000,
  status_update_channel: "state",
  result_delivery_channel: "state",
  error_reporting_channel: "state",
  coordination_endpoint: null,
} as const;

export const SEED_AGENT_IDS = ["model_generator", "validator_generator", "test_generator"] as const;

export const SEED_SHARED_INTELLIGENCE = {
  type_registry: { UserId: "str", Email: "str", Timestamp: "datetime" },
  pattern_library: { validation: ["email_validator", "url_validator"] },
  naming_conventions: { class: "PascalCase", function: "snake_case", constant: "UPPER_SNAKE_CASE" },
  dependency_graph: {
    validator_generator: ["model_generator"],
    test_generator: ["model_generator", "validator_generator"],
  },
};

export const SEED_ASSIGNMENTS = {
  model_generator: {
    agent_role: "model_generator",
    objective: "Generate Pydantic models from YAML contract",
    tasks: ["parse_contract", "infer_types", "generate_models", "validate_models"],
    input_data: { contract_path: "./contracts/user_service.yaml", output_dir: "./models" },
    dependencies: [],
    output_requirements: { format: "pydantic_v2", include_validators: true },
    success_criteria: { min_quality: 0.95, all_fields_typed: true },
  },
  validator_generator: {
    agent_role: "validator_generator",
    objective: "Generate validators for models",
    tasks: ["analyze_models", "generate_validators", "generate_tests"],
    input_data: { models_dir: "./models" },
    dependencies: ["model_generator"],
    output_requirements: { format: "pytest", coverage: 0.95 },
    success_criteria: { all_fields_validated: true },
  },
  test_generator: {
    agent_role: "test_generator",
    objective: "Generate integration tests",
    tasks: ["analyze_workflow", "generate_integration_tests"],
    input_data: {},
    dependencies: ["model_generator", "validator_generator"],
    output_requirements: {},
    success_criteria: {},
  },
};

export const SEED_RESOURCE_ALLOCATIONS = {
  model_generator: { max_execution_time_ms: 120_000, max_retry_attempts: 5, quality_threshold: 0.95 },
  validator_generator: { max_execution_time_ms: 90_000, max_retry_attempts: 3, quality_threshold: 0.9 },
  test_generator: { max_execution_time_ms: 60_000, max_retry_attempts: 2, quality_threshold: 0.85 },
};

/** Custom protocols for two of the three agents; validator_generator keeps the defaults. */
export const SEED_PROTOCOLS = {
  model_generator: { update_interval_ms: 2000 },
  test_generator: { heartbeat_interval_ms: 15_000, coordination_endpoint: "http://coordinator.local/hooks" },
};

export const SEED_TEAM_ROLES = {
  model_generator: "Model Development",
  validator_generator: "Validation",
  test_generator: "Testing",
};

/** The seed's complete example as a request body (snake_case, exactly as an agent sends it). */
export function seedCodegenBody(coordinationId: string) {
  return {
    coordination_state: {
      coordination_id: coordinationId,
      session_id: "session-abc123",
      workflow_type: "code_generation",
    },
    agent_assignments: SEED_ASSIGNMENTS,
    shared_intelligence: SEED_SHARED_INTELLIGENCE,
    resource_allocations: SEED_RESOURCE_ALLOCATIONS,
    coordination_protocols: SEED_PROTOCOLS,
    team_roles: SEED_TEAM_ROLES,
  };
}

/** The context the seed example gives `agentId` (created_at aside), per PRODUCT.md's defaults. */
export function expectedSeedContext(coordinationId: string, agentId: (typeof SEED_AGENT_IDS)[number], contextVersion = 1) {
  const { agent_role, ...assignment } = SEED_ASSIGNMENTS[agentId];
  return {
    coordination_metadata: {
      session_id: "session-abc123",
      coordination_id: coordinationId,
      agent_id: agentId,
      agent_role,
      parent_workflow_id: null,
    },
    shared_intelligence: { validation_rules: {}, ...SEED_SHARED_INTELLIGENCE },
    agent_assignment: assignment,
    coordination_protocols: {
      ...DEFAULT_COORDINATION_PROTOCOLS,
      ...(SEED_PROTOCOLS as Record<string, object>)[agentId],
    },
    resource_allocation: { ...DEFAULT_RESOURCE_ALLOCATION, ...SEED_RESOURCE_ALLOCATIONS[agentId] },
    context_version: contextVersion,
  };
}
