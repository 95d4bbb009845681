-- CreateTable
CREATE TABLE "access_tokens" (
    "hash" TEXT NOT NULL,
    "coordination_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "agent_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "operator_sessions" (
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operator_sessions_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "access_tokens_coordination_id_idx" ON "access_tokens"("coordination_id");

-- CreateIndex
CREATE INDEX "operator_sessions_expires_at_idx" ON "operator_sessions"("expires_at");

-- AddForeignKey
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_coordination_id_fkey" FOREIGN KEY ("coordination_id") REFERENCES "coordinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
