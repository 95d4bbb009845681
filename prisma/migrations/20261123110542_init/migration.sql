-- CreateTable
CREATE TABLE "coordinations" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "parent_workflow_id" TEXT,
    "workflow_type" TEXT,
    "mission" TEXT NOT NULL DEFAULT '',
    "current_focus" TEXT NOT NULL DEFAULT '',
    "progress" TEXT NOT NULL DEFAULT '',
    "active_blockers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "team_roles" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "last_seq" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coordinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_contexts" (
    "coordination_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "agent_role" TEXT NOT NULL,
    "context_version" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "context" JSON NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_contexts_pkey" PRIMARY KEY ("coordination_id","agent_id")
);

-- CreateTable
CREATE TABLE "agent_context_versions" (
    "coordination_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "context_version" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "context" JSON NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_context_versions_pkey" PRIMARY KEY ("coordination_id","agent_id","revision")
);

-- CreateTable
CREATE TABLE "updates" (
    "coordination_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "agent_name" TEXT NOT NULL,
    "update_type" TEXT NOT NULL,
    "content" JSON NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "updates_pkey" PRIMARY KEY ("coordination_id","seq")
);

-- CreateIndex
CREATE INDEX "coordinations_last_activity_at_id_idx" ON "coordinations"("last_activity_at" DESC, "id");

-- CreateIndex
CREATE INDEX "agent_contexts_coordination_id_position_idx" ON "agent_contexts"("coordination_id", "position");

-- CreateIndex
CREATE INDEX "agent_context_versions_coordination_id_agent_id_context_ver_idx" ON "agent_context_versions"("coordination_id", "agent_id", "context_version");

-- CreateIndex
CREATE INDEX "updates_coordination_id_update_type_seq_idx" ON "updates"("coordination_id", "update_type", "seq");

-- CreateIndex
CREATE INDEX "updates_coordination_id_agent_name_seq_idx" ON "updates"("coordination_id", "agent_name", "seq");

-- AddForeignKey
ALTER TABLE "agent_contexts" ADD CONSTRAINT "agent_contexts_coordination_id_fkey" FOREIGN KEY ("coordination_id") REFERENCES "coordinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_context_versions" ADD CONSTRAINT "agent_context_versions_coordination_id_fkey" FOREIGN KEY ("coordination_id") REFERENCES "coordinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "updates" ADD CONSTRAINT "updates_coordination_id_fkey" FOREIGN KEY ("coordination_id") REFERENCES "coordinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
