-- CreateTable
CREATE TABLE "Treatment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "units" DOUBLE PRECISION,
    "insulinKind" TEXT,
    "purpose" TEXT,
    "insulinName" TEXT,
    "grams" DOUBLE PRECISION,
    "minutes" INTEGER,
    "intensity" TEXT,
    "value" DOUBLE PRECISION,
    "unit" TEXT,
    "note" TEXT,
    "source" TEXT NOT NULL DEFAULT 'typed',
    "importKey" TEXT,
    "importId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Treatment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Treatment_userId_takenAt_id_idx" ON "Treatment"("userId", "takenAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Treatment_importId_idx" ON "Treatment"("importId");

-- CreateIndex
CREATE UNIQUE INDEX "Treatment_userId_importKey_key" ON "Treatment"("userId", "importKey");

-- AddForeignKey
ALTER TABLE "Treatment" ADD CONSTRAINT "Treatment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Treatment" ADD CONSTRAINT "Treatment_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE SET NULL ON UPDATE CASCADE;
